import type { Approval, Change, Deployment, EpochMs } from "../domain/records.ts";
import type { ServiceContext } from "./changes.ts";
import { MINUTE } from "./time.ts";

// Deployment records of one service: staging before production, the odd failed
// attempt that never went live, approvals, and rollbacks — marked with rollbackOf or
// silently redeploying the commit that ran before.

export const DEPLOY_BOT = "deploy-bot";

export class DeploymentLog {
  readonly records: Deployment[] = [];
  /** Commits of successful production deployments, in order, for rollbacks. */
  readonly productionCommits: string[] = [];
  private readonly ctx: ServiceContext;
  private readonly sequence = new Map<string, number>();

  constructor(ctx: ServiceContext) {
    this.ctx = ctx;
  }

  private nextId(environment: string): string {
    const n = (this.sequence.get(environment) ?? 0) + 1;
    this.sequence.set(environment, n);
    return `${this.ctx.service.name}-${environment}-${String(n).padStart(4, "0")}`;
  }

  private record(
    environment: string,
    finishedAt: EpochMs,
    commitSha: string,
    extra: Partial<Deployment>,
  ): Deployment {
    const { random, profile } = this.ctx;
    const minutes = profile.continuous ? random.between(3, 9) : random.between(8, 40);
    const deployment: Deployment = {
      id: this.nextId(environment),
      service: this.ctx.service.name,
      environment,
      startedAt: finishedAt - minutes * MINUTE,
      finishedAt,
      commitSha,
      status: "success",
      approvals: [],
      ...extra,
    };
    this.records.push(deployment);
    if (environment === "production" && deployment.status === "success")
      this.productionCommits.push(commitSha);
    return deployment;
  }

  /** A failed attempt shortly before `before`, the way flaky pipelines retry. */
  failedAttempt(environment: string, before: EpochMs, commitSha: string): void {
    const at = before - this.ctx.random.between(3, 10) * MINUTE;
    this.record(environment, at, commitSha, { status: "failure", triggeredBy: DEPLOY_BOT });
  }

  staging(finishedAt: EpochMs, commitSha: string): void {
    this.record("staging", finishedAt, commitSha, { triggeredBy: DEPLOY_BOT });
  }

  production(finishedAt: EpochMs, commitSha: string, shipped: Change[]): Deployment {
    const { random, profile, team } = this.ctx;
    const triggeredBy = profile.continuous ? DEPLOY_BOT : random.pick(team.members);
    const extra: Partial<Deployment> = {
      triggeredBy,
      approvals: this.approvals(finishedAt, triggeredBy),
    };
    // Some pipelines report what they shipped; the rest rely on merge order.
    if (random.chance(0.15)) extra.changes = shipped.map((c) => c.id);
    return this.record("production", finishedAt, commitSha, extra);
  }

  /** Redeploys the commit that ran before `target`; undefined when there was none. */
  rollback(target: Deployment, finishedAt: EpochMs, marked: boolean): Deployment | undefined {
    const commits = this.productionCommits;
    const index = commits.lastIndexOf(target.commitSha);
    const previous = index > 0 ? commits[index - 1] : undefined;
    if (previous === undefined) return undefined;
    const oncall = this.ctx.random.pick(this.ctx.team.members);
    const extra: Partial<Deployment> = {
      triggeredBy: oncall,
      approvals: this.approvals(finishedAt, oncall),
    };
    if (marked) extra.rollbackOf = target.id;
    return this.record("production", finishedAt, previous, extra);
  }

  private approvals(finishedAt: EpochMs, triggeredBy: string): Approval[] {
    const { random, profile, team } = this.ctx;
    if (!random.chance(profile.deployApprovedShare)) return [];
    const approver = random.pick(team.members.filter((m) => m !== triggeredBy));
    return [{ by: approver, at: finishedAt - random.between(15, 120) * MINUTE }];
  }
}
