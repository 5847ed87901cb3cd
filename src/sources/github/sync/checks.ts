import type { GqlCommitChecks } from "../graphql-types.ts";
import { checksOfCommit } from "../normalize/checks.ts";
import { chunks, commitChecksQuery } from "../queries.ts";
import type { RepoSync } from "./context.ts";

// Check runs and statuses of each newly deployed production commit, twenty commits per
// GraphQL query (REST would take two calls per commit). Read once, when the deployment is
// first seen live: results completed after it went live do not count anyway.

export async function syncChecks(sync: RepoSync): Promise<void> {
  const servicesOf = new Map<string, Set<string>>();
  for (const d of sync.deployments) {
    if (d.status !== "success" || !sync.production.test(d.environment)) continue;
    if (!/^[0-9a-f]{40}$/.test(d.commitSha)) continue;
    const services = servicesOf.get(d.commitSha) ?? new Set<string>();
    services.add(d.service);
    servicesOf.set(d.commitSha, services);
  }
  for (const batch of chunks([...servicesOf.keys()], 20)) {
    const data = await sync.octokit.graphql<{ repository: Record<string, GqlCommitChecks | null> }>(
      commitChecksQuery(batch),
      { owner: sync.target.owner, name: sync.target.name },
    );
    batch.forEach((sha, i) => {
      const commit = data.repository[`c${i}`];
      if (!commit) return;
      for (const service of servicesOf.get(sha) ?? [])
        sync.checks.push(...checksOfCommit(commit, service));
    });
  }
}
