import { checkMatcher, toEngineConfig } from "../../config/engine-config.ts";
import type { ConfigFile } from "../../config/schema.ts";
import type { RecordKind } from "../../domain/records.ts";
import { ingestRules } from "../../import/ingest-rules.ts";
import type { Collector, CollectorDeps, RunReport } from "../collector.ts";
import type { GitHubAuth } from "./auth.ts";
import { createGitHubClient, type GitHubClient } from "./client.ts";
import type { GithubSourceConfig } from "./config.ts";
import { type RepoCursor, readCursor } from "./cursor.ts";
import type { ControlPattern } from "./normalize/ci-cost.ts";
import { syncBilling } from "./sync/billing.ts";
import { withContext } from "./sync/context.ts";
import { syncRepository } from "./sync/repository.ts";
import { type RepoTarget, repoTargets } from "./targets.ts";

// The GitHub source: every catalogue repository, a few at a time, each stored in its own
// transaction with its cursor, so one failing repository neither blocks nor blanks the
// others. The run fails (collector_up 0) when any repository failed.

export const SOURCE = "github";
const CONCURRENCY = 4;

export interface GitHubCollectorOptions {
  /** Tests shrink retry-after waits. */
  retryAfterBaseValue?: number;
}

async function defaultBranch(octokit: GitHubClient, t: RepoTarget): Promise<string> {
  const response = await octokit.request("GET /repos/{owner}/{repo}", {
    owner: t.owner,
    repo: t.name,
  });
  return (response.data as { default_branch: string }).default_branch;
}

function sum(counts: Record<RecordKind, { written: number }>): number {
  return Object.values(counts).reduce((n, c) => n + c.written, 0);
}

export function githubCollector(
  config: ConfigFile,
  source: GithubSourceConfig,
  auth: GitHubAuth,
  options: GitHubCollectorOptions = {},
): Collector {
  const engine = toEngineConfig(config);
  const targets = repoTargets(config);
  const controls: ControlPattern[] = Object.entries(source.ci_controls).flatMap(
    ([control, specs]) =>
      (specs ?? []).map((spec) => ({ control, matches: checkMatcher(spec).matches })),
  );
  return {
    name: SOURCE,
    intervalMs: source.interval,
    async run(deps: CollectorDeps): Promise<RunReport> {
      const octokit = createGitHubClient({
        baseUrl: source.base_url,
        auth,
        cache: deps.store.httpCache,
        observer: deps.api,
        logger: deps.logger,
        ...(options.retryAfterBaseValue !== undefined && {
          retryAfterBaseValue: options.retryAfterBaseValue,
        }),
      });
      const now = deps.now();
      const historyStart = now - source.history_days * 86_400_000;
      const stored = await deps.store.cursors(SOURCE);
      const cursors = new Map<string, RepoCursor>();
      const failures: Error[] = [];
      let written = 0;
      let done = 0;
      const syncOne = async (target: RepoTarget) => {
        const key = target.repository.toLowerCase();
        const cursor = readCursor(stored.get(key), historyStart);
        try {
          const first = target.services.find((s) => s.deployBranch)?.deployBranch;
          const deployBranch = first ?? (await defaultBranch(octokit, target));
          const result = await syncRepository({
            octokit,
            target,
            cursor,
            deployBranch,
            production: engine.productionEnvironment,
            source,
            logger: deps.logger,
            now,
            deployments: [],
            changes: [],
            checks: [],
            vulnerabilities: [],
            pullOfCommit: new Map(),
          });
          const counts = await deps.store.upsert(result.records, {
            cursors: [{ source: SOURCE, key, value: cursor }],
            policies: result.policies,
          });
          written += sum(counts);
          cursors.set(key, cursor);
        } catch (error) {
          const failure = withContext(`sync ${target.repository}`, error);
          deps.logger.error("GitHub repository sync failed", { error: failure.message });
          failures.push(failure);
          cursors.set(key, readCursor(stored.get(key), historyStart));
        }
        deps.progress?.update(++done, targets.length, target.repository);
      };
      const queue = [...targets];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let t = queue.shift(); t; t = queue.shift()) await syncOne(t);
        }),
      );
      deps.progress?.done();
      if (source.organisation) {
        try {
          const costs = await syncBilling({
            octokit,
            organisation: source.organisation,
            cursors,
            repositoryServices: new Map(
              targets.map((t) => [t.repository.toLowerCase(), t.services.map((s) => s.service)]),
            ),
            controls,
            usdRate: ingestRules(config).rateOf("USD"),
            currency: config.currency,
            historyStart,
            now,
          });
          written += sum(await deps.store.upsert({ costs }));
        } catch (error) {
          failures.push(withContext("collect Actions billing", error));
        }
      }
      if (failures.length)
        throw new Error(
          `${failures.length} of ${targets.length} GitHub repositories failed: ${failures.map((f) => f.message).join("; ")}`,
        );
      return { written, summary: `${targets.length} repositories` };
    },
  };
}
