// A scraper in its own process for the freshness benchmark, so the latency it measures is
// the server's and not the event loop of the process that posts events:
//   node bench/freshness-scraper.ts URL COUNT GAP_MS LIMIT_S
// Scrapes URL COUNT times one after another, GAP_MS apart, stopping at LIMIT_S whatever
// the count; prints one JSON line: each scrape's milliseconds (to the last byte; a failed
// one's until it failed, so a timeout still weighs in the percentiles) and how many failed.
const [url, countText, gapText, limitText] = process.argv.slice(2);
if (!url?.startsWith("http://127.0.0.1:"))
  throw new Error("usage: http://127.0.0.1:PORT/… N GAP S");
const count = Number(countText ?? 200);
const gap = Number(gapText ?? 50);
const deadline = performance.now() + Number(limitText ?? 120) * 1000;

const ms: number[] = [];
let failed = 0;
for (let n = 0; n < count && performance.now() < deadline; n++) {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    if (response.status !== 200) failed++;
  } catch {
    failed++;
  }
  ms.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, gap));
}
console.log(JSON.stringify({ ms, failed }));
