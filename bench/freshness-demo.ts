// The `demo` part of the freshness benchmark: what `npm start` runs (the same command, on
// 127.0.0.1 and a free port), timed from spawn to its first /metrics 200, then writes to
// one of its services at the demo's size. The demo evaluates at the wall clock, so each
// deployment finishes a second before it is sent.
import { timedStart, writeSeries } from "./freshness-measure.ts";
import { figure, ms } from "./freshness-report.ts";
import { stop } from "./freshness-servers.ts";

const where = "demo, PGlite in memory";

export async function demoFigures(logDir: string, writes: number, capMs: number): Promise<void> {
  const { server, ms: started } = await timedStart({ args: ["demo"], logDir, name: "demo" });
  try {
    const measured = ms(started);
    figure({ figure: "demo (npm start) start to first 200", where, measured, target: "< 5 s" });
    const series = await writeSeries(server, [server], {
      count: writes,
      budgetMs: 300_000,
      capMs,
      service: () => "checkout",
      finishedAt: () => Date.now() - 1000,
    });
    const target = "p50, p99 < 200 ms";
    figure({ figure: "write visible on /metrics", where, measured: series.text, target });
  } finally {
    await stop(server);
  }
}
