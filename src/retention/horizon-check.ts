import { before } from "../config/retention-period.ts";
import type { ConfigFile } from "../config/schema.ts";
import type { LedgerBase } from "../store/ledger-archive.ts";

// What the store says was pruned, held against what the config allows (decision 156). A
// database owner could otherwise move the horizon forward to hide deployments from verify,
// or delete a prefix of the ledger behind a forged segment row where no archive is read.

export function retentionProblems(config: ConfigFile, base: LedgerBase, now: number): string[] {
  const problems: string[] = [];
  const settings = config.retention;
  if (base.seq > 0 && settings?.archive === undefined)
    problems.push(
      `the ledger in the store starts after record ${base.seq}, but the config names no retention archive to check the records before it against`,
    );
  if (base.prunedBeforeMs === undefined) return problems;
  const horizon = new Date(base.prunedBeforeMs).toISOString();
  if (!settings)
    problems.push(
      `the store holds evidence before ${horizon} past retention, but the config has no retention section`,
    );
  else {
    const latest = before(now, settings.records);
    if (base.prunedBeforeMs > latest)
      problems.push(
        `the store holds evidence before ${horizon} past retention, but retention.records (${settings.records.text}) keeps everything after ${new Date(latest).toISOString()}`,
      );
  }
  return problems;
}
