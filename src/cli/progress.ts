import type { Progress } from "../sources/collector.ts";

// Long commands (a first sync over history_days of every repository, a large import)
// show a live counter on stderr on a terminal; logs and CI see a line per tenth of the
// work instead of a flood, or nothing where the command's summary says it all.

export function terminalProgress(
  label: string,
  stream: Pick<NodeJS.WriteStream, "isTTY" | "write"> = process.stderr,
  /** Off a terminal, say nothing (a command whose output is its summary) instead of tenths. */
  quietOffTerminal = false,
): Progress {
  const live = stream.isTTY === true;
  if (!live && quietOffTerminal) return { update() {}, done() {} };
  let lastTenth = -1;
  const started = Date.now();
  /** Whether a live line was drawn, to end it with a newline. */
  let shown = false;
  return {
    update(done, total, detail) {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const text = `${label}: ${done}/${total}${detail ? ` ${detail}` : ""} (${seconds} s)`;
      if (live) {
        stream.write(`\r\x1b[2K${text}`);
        shown = true;
        return;
      }
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (live && shown) stream.write("\n");
    },
  };
}
