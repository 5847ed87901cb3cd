// The GitHub section of `npm run bench`, in its own process (bench/run.ts spawns it) so
// its memory figures are the sync's, not the engine benchmark's. Syncs the synthetic
// organisation twice through the real collector over HTTP; prints, asserts nothing.
// BENCH_GITHUB_REPOS shrinks it (each repository keeps its shape); BENCH_GITHUB_BILLING=1
// adds Actions pricing (workflow runs, jobs, billing usage).
import { SelfMetrics } from "../src/http/self-metrics.ts";
import { githubCollector } from "../src/sources/github/collector.ts";
import { githubConfig } from "../src/sources/github/config.ts";
import { GRAPHQL_SPACING_MS } from "../src/sources/github/query-spacing.ts";
import { runCollector } from "../src/sources/run-collector.ts";
import { openStore } from "../src/store/open.ts";
import { startFakeGitHub } from "../test/support/fake-github/index.ts";
import { minimumPlan, total } from "./github-minimum.ts";
import { countBy, endpointOf, listed, sideBySide, spyGraphqlQueries } from "./github-requests.ts";
import * as setup from "./github-setup.ts";

const repos = Number(process.env.BENCH_GITHUB_REPOS ?? 200);
if (!Number.isInteger(repos) || repos < 1)
  throw new Error("BENCH_GITHUB_REPOS: a positive integer");
const priced = process.env.BENCH_GITHUB_BILLING === "1";
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (a: number, b: number) => (b === 0 ? "n/a" : (a / b).toFixed(2));

const started = performance.now();
const org = setup.benchOrg(repos);
console.log(`generate GitHub organisation: ${(performance.now() - started).toFixed(0)} ms`);
console.log(`organisation: ${setup.describeOrg(org)}; Actions billing ${priced ? "on" : "off"}`);
// GitHub's 5,000 an hour would cut the first sync off; the quota it spent is printed instead.
const fake = await startFakeGitHub({ org, token: "bench-token", rateLimit: 100_000_000 });
const rssWithFake = process.memoryUsage().rss;
const store = await openStore();
console.log(
  `RSS: ${mb(rssWithFake)} with the organisation and fake server, ${mb(process.memoryUsage().rss)} after opening the in-memory PGlite store (peak so far ${mb(process.resourceUsage().maxRSS * 1024)})`,
);
const config = setup.benchConfig(org, fake.url, priced);
const source = githubConfig.of(config);
if (source === undefined) throw new Error("bench config has no github source");
const collector = githubCollector(config, source, { kind: "token", token: "bench-token" });
const graphqlQueries = spyGraphqlQueries();
const logger = setup.tallyLogger();

async function sync(label: string) {
  fake.resetLog();
  for (const key of Object.keys(graphqlQueries)) delete graphqlQueries[key];
  logger.lines.length = 0;
  let peak = 0;
  // maxRSS already holds PGlite's opening peak, so the sync's own peak is sampled.
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const deps = { store, self: new SelfMetrics(), logger, now: () => setup.NOW };
  const outcome = await runCollector(collector, deps);
  clearInterval(sampler);
  const status = outcome.ok ? "ok" : `FAILED: ${outcome.error}`;
  const seconds = outcome.durationSeconds.toFixed(1);
  console.log(`${label}: ${status}; ${outcome.written} records written in ${seconds} s`);
  const rest = fake.requests.filter((r) => !r.graphql);
  const graphql = fake.requests.length - rest.length;
  // The client spaces GraphQL queries apart, so they alone put a floor under the time.
  const floor = (Math.max(0, graphql - 1) * GRAPHQL_SPACING_MS) / 1000;
  console.log(
    `  GraphQL spacing (${GRAPHQL_SPACING_MS} ms) accounts for at least ${floor.toFixed(1)} s of it`,
  );
  const errors = logger.lines.filter((l) => l.level === "error").length;
  const first = logger.lines[0]?.message;
  console.log(
    `  collector logged ${errors} errors, ${logger.lines.length - errors} warnings${first ? `; first: ${first}` : ""}`,
  );
  console.log(`  peak RSS during the sync (sampled every 10 ms): ${mb(peak)}`);
  const core = rest.reduce((n, r) => n + r.quota, 0);
  return { rest, graphql, quota: fake.quotaUsed(), core };
}

const first = await sync("GitHub first sync");
const minimum = minimumPlan(org, {
  priced,
  months: setup.monthsOfHistory(),
  historyStart: setup.NOW - setup.HISTORY_DAYS * 86_400_000,
});
const [minRest, minGraphql] = [total(minimum.rest), total(minimum.graphql)];
console.log(
  `first sync requests: REST ${first.rest.length} (minimum ${minRest}, ratio ${ratio(first.rest.length, minRest)}), GraphQL ${first.graphql} (minimum ${minGraphql}, ratio ${ratio(first.graphql, minGraphql)})`,
);
console.log(
  `  REST measured/minimum: ${sideBySide(countBy(first.rest, endpointOf), minimum.rest)}`,
);
console.log(`  GraphQL measured/minimum: ${sideBySide(graphqlQueries, minimum.graphql)}`);
console.log(`  REST answers by status: ${listed(countBy(first.rest, (r) => String(r.status)))}`);
console.log(
  `  quota spent: core ${first.core} (${(first.core / 5000).toFixed(1)} hours of GitHub's 5,000 an hour), graphql ${first.quota - first.core} (the fake charges 1 point a query)`,
);
console.log(`records stored: ${listed(await store.counts())}`);

const second = await sync("GitHub second sync, nothing changed");
const conditional = second.rest.filter((r) => r.conditional).length;
const notModified = second.rest.filter((r) => r.status === 304).length;
console.log(
  `second sync requests: ${second.rest.length + second.graphql} (REST ${second.rest.length}, GraphQL ${second.graphql}); conditional ${conditional}, answered 304 ${notModified}; quota spent ${second.quota} (core ${second.core}, graphql ${second.quota - second.core})`,
);
const costly = second.rest.filter((r) => r.quota > 0 || !r.conditional || r.status !== 304);
if (costly.length > 0 || second.graphql > 0) {
  const key = (r: (typeof costly)[number]) =>
    `${endpointOf(r)} ${r.status}${r.conditional ? "" : " unconditional"}`;
  console.log(
    `  TARGET MISSED (every request conditional, zero quota): GraphQL ${second.graphql} (${listed(graphqlQueries)}); REST not 304 or spending quota: ${listed(countBy(costly, key))}`,
  );
}
console.log(
  `peak RSS of the GitHub benchmark process: ${mb(process.resourceUsage().maxRSS * 1024)}`,
);
await store.close();
await fake.close();
