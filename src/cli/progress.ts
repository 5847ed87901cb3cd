import type { Progress } from "../sources/collector.ts";

// First syncs take a while (history_days of every repository): a terminal sees a live
// counter on stderr; logs and CI see a line per tenth of the work instead of a flood.

export function terminalProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const live = stream.isTTY === true;
  let lastTenth = -1;
  const started = Date.now();
  return {
    update(done, total, detail) {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const text = `${label}: ${done}/${total}${detail ? ` ${detail}` : ""} (${seconds} s)`;
      if (live) {
        stream.write(`\r\x1b[2K${text}`);
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (live) stream.write("\n");
    },
  };
}
