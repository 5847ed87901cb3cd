import { describe, expect, it } from "vitest";
import { syntheticGitHubOrg } from "../../bench/github-org.ts";

describe("syntheticGitHubOrg", () => {
  it("is deterministic for a seed and honours the requested sizes", () => {
    const options = { repos: 4, pulls: 200, deployments: 40, checkRuns: 300, seed: 11 };
    const org = syntheticGitHubOrg(options);
    expect(JSON.stringify(syntheticGitHubOrg(options))).toBe(JSON.stringify(org));
    const count = (pick: (repo: (typeof org.repos)[number]) => unknown[]) =>
      org.repos.reduce((sum, repo) => sum + pick(repo).length, 0);
    expect([count((r) => r.pulls), count((r) => r.deployments), count((r) => r.checkRuns)]).toEqual(
      [200, 40, 300],
    );
  });

  it("keeps histories linear, deployments on strictly newer commits, all inside the window", () => {
    const end = new Date("2026-06-30T00:00:00Z");
    const org = syntheticGitHubOrg({ repos: 3, pulls: 120, deployments: 30, checkRuns: 90, end });
    const start = end.getTime() - 150 * 86_400_000;
    const inWindow = (iso: string) => Date.parse(iso) >= start && Date.parse(iso) <= end.getTime();
    for (const repo of org.repos) {
      const position = new Map(repo.commits.map((commit, index) => [commit.sha, index]));
      expect(repo.pulls.every((pull) => position.has(pull.mergeCommitSha ?? ""))).toBe(true);
      const deployed = repo.deployments.map((deployment) => position.get(deployment.sha) ?? -1);
      expect(deployed.every((at, i) => at > (deployed[i - 1] ?? -1))).toBe(true);
      expect(
        repo.deployments.every((d) => d.statuses.map((s) => s.state).join() === "pending,success"),
      ).toBe(true);
      const stamps = [
        ...repo.commits.map((commit) => commit.committedAt),
        ...repo.pulls.flatMap((pull) => [pull.createdAt, pull.mergedAt ?? ""]),
        ...repo.deployments.flatMap((d) => [d.createdAt, ...d.statuses.map((s) => s.createdAt)]),
      ];
      expect(stamps.filter((stamp) => !inWindow(stamp))).toEqual([]);
    }
  });

  it("builds the default benchmark size quickly", () => {
    const started = performance.now();
    const org = syntheticGitHubOrg();
    // About 1 s alone; the bound leaves room for parallel test files on a busy machine.
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(org.repos).toHaveLength(200);
    expect(org.repos.reduce((sum, repo) => sum + repo.pulls.length, 0)).toBe(20_000);
  });
});
