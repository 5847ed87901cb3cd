// A large, deterministic GitHub organisation for the fake GitHub server
// (test/support/fake-github). Defaults: 200 repositories, 20,000 squash-merged PRs, 5,000
// production deployments, 50,000 check runs on merged commits, CI and Deploy workflow
// runs per deployment, a few alerts per repository and daily billing, all within the 150
// days before `end`. Histories are linear and deployments ship strictly newer commits.
// The same seed always gives the same organisation.
import type { FakeOrg, FakeRepo } from "../test/support/fake-github/index.ts";
import {
  DAY,
  type IdCounters,
  iso,
  randomStream,
  share,
  type Window,
} from "../test/support/fake-github/synthetic/common.ts";
import { syntheticDelivery } from "../test/support/fake-github/synthetic/delivery.ts";
import {
  syntheticAlerts,
  syntheticBilling,
  syntheticControls,
} from "../test/support/fake-github/synthetic/extras.ts";
import { syntheticPulls } from "../test/support/fake-github/synthetic/pulls.ts";

export interface SyntheticGitHubOptions {
  repos?: number;
  pulls?: number;
  /** Capped per repository at its number of merged PRs (one deployment per commit). */
  deployments?: number;
  checkRuns?: number;
  seed?: number;
  end?: Date;
}

const WINDOW_DAYS = 150;

export function syntheticGitHubOrg(opts: SyntheticGitHubOptions = {}): FakeOrg {
  const repos = opts.repos ?? 200;
  const end = (opts.end ?? new Date("2026-06-30T00:00:00Z")).getTime();
  const w: Window = { start: end - WINDOW_DAYS * DAY, end };
  const rng = randomStream(opts.seed ?? 1, "github-org");
  const ids: IdCounters = { deployment: 0, run: 0, job: 0, check: 0 };
  const org: FakeOrg = { login: "bench-org", repos: [], billing: [] };
  for (let r = 0; r < repos; r++) {
    const started = iso(w.start);
    const repo: FakeRepo = {
      owner: org.login,
      name: `service-${String(r + 1).padStart(3, "0")}`,
      defaultBranch: "main",
      commits: [
        {
          sha: rng.hex(40),
          message: "Initial commit",
          authoredAt: started,
          committedAt: started,
          author: "dev-1",
        },
      ],
      pulls: [],
      deployments: [],
      checkRuns: [],
      statuses: [],
      workflowRuns: [],
      ...syntheticControls(r),
      dependabotAlerts: syntheticAlerts(rng, rng.int(2, 8), w, "dependabot"),
      codeScanningAlerts: syntheticAlerts(rng, rng.int(1, 4), w, "code"),
      secretScanningAlerts: syntheticAlerts(rng, rng.int(0, 2), w, "secret"),
    };
    syntheticPulls(rng, repo, share(opts.pulls ?? 20_000, r, repos), w);
    const deployments = share(opts.deployments ?? 5_000, r, repos);
    const checkRuns = share(opts.checkRuns ?? 50_000, r, repos);
    syntheticDelivery(rng, repo, { deployments, checkRuns }, w, ids);
    org.repos.push(repo);
  }
  org.billing = syntheticBilling(rng, org, w);
  return org;
}
