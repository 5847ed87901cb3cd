import type { RecordSet, Severity } from "../../domain/records.ts";
import { splitByTimeOrder } from "../../domain/time-order.ts";
import type { Store } from "../../store/store.ts";
import type { WebhookDeps, WebhookOutcome } from "../webhook.ts";
import { githubConfig } from "./config.ts";
import { repoTargets } from "./targets.ts";
import { recordsOf, type WebhookPayload } from "./webhook-records.ts";

// GitHub webhook events → records, stored at once so the KPIs move within seconds. What a
// payload lacks (approvals of a deployment, the commits a pull request shipped) is filled
// in by the next poll, which the caller is asked to schedule soon (`reconcile`).

export function githubWebhookHandler(deps: WebhookDeps) {
  const targets = new Map(repoTargets(deps.config).map((t) => [t.repository.toLowerCase(), t]));
  const secretSeverity = (githubConfig.of(deps.config)?.secret_scanning_severity ??
    "critical") as Severity;
  return async (event: string, body: unknown): Promise<WebhookOutcome> => {
    const payload = (body ?? {}) as WebhookPayload;
    const name = payload.repository?.full_name ?? "";
    const target = targets.get(name.toLowerCase());
    if (!target)
      return {
        status: "ignored",
        reason: `repository ${name || "(none)"} is not in the catalogue`,
      };
    // A closing alert event without its closing time is dated by its arrival.
    const alerts = { secretScanningSeverity: secretSeverity, observedAt: (deps.now ?? Date.now)() };
    const records = recordsOf(event, payload, target, alerts);
    if (typeof records === "string") return { status: "ignored", reason: records };
    if ("reconcile" in records) {
      deps.reconcile?.();
      return { status: "reconciling", reason: records.reconcile };
    }
    const fresh = await withoutPolled(deps.store, records);
    if (fresh === undefined) {
      deps.reconcile?.();
      return { status: "reconciling", reason: "already stored; the poll keeps the full record" };
    }
    // An impossible record from a delivery is refused as from a poll (decision 151); the
    // rest of the delivery is stored.
    const { ordered, refused } = splitByTimeOrder(fresh);
    const left = Object.values(ordered).some((list) => Array.isArray(list) && list.length > 0);
    if (refused.length && !left)
      return {
        status: "ignored",
        reason: refused.map((r) => `${r.kind} ${r.id}: ${r.why}`).join("; "),
      };
    const counts = await deps.store.upsert(ordered);
    deps.reconcile?.();
    return {
      status: "stored",
      records: Object.values(counts).reduce((n, c) => n + c.written + c.unchanged, 0),
    };
  };
}

/**
 * A webhook's deployment or change lacks what only the poll reads (approvals, shipped
 * commits), so it is stored only when the poll has not stored that record yet: a late or
 * redelivered event must not overwrite the fuller record. Checks and alert states are
 * complete in the payload and always applied. Undefined when nothing is left to store.
 */
async function withoutPolled(
  store: Store,
  records: Partial<RecordSet>,
): Promise<Partial<RecordSet> | undefined> {
  const { deployments = [], changes = [] } = records;
  const storedDeployments = await store.storedIds(
    "deployment",
    deployments.map((d) => d.id),
  );
  const storedChanges = await store.storedIds(
    "change",
    changes.map((c) => c.id),
  );
  const fresh = {
    ...records,
    deployments: deployments.filter((d) => !storedDeployments.has(d.id)),
    changes: changes.filter((c) => !storedChanges.has(c.id)),
  };
  const left = Object.values(fresh).reduce((n, list) => n + (list?.length ?? 0), 0);
  return left === 0 ? undefined : fresh;
}
