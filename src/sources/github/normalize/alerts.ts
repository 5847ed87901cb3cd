import type { EpochMs, Severity, Vulnerability } from "../../../domain/records.ts";
import { SEVERITIES } from "../../../domain/records.ts";
import type {
  CodeScanningAlertPayload,
  DependabotAlertPayload,
  SecretScanningAlertPayload,
} from "../types.ts";

// DECISIONS
// - id github:{owner/repo lower-cased}:{kind}:{number}: a sync and a webhook may spell the
//   repository in different case and must still update one record.
// - The state decides: open keeps no closing time, fixed only fixedAt, dismissed only
//   dismissedAt and its reason. A missing closing time falls back to updated_at, then to
//   ctx.observedAt (code_scanning_alert `fixed` webhooks carry neither), else Error.
// - A closing time before created_at is clamped to it: remediation time is never negative.
// - Unknown state, bad number or time, unknown Dependabot severity → Error naming
//   repository, kind, number and field; a guess would miscount open alerts.
// - Dependabot: "moderate" is medium; auto_dismissed is dismissed, reason "auto_dismissed".
// - Code scanning: security_severity_level, else rule.severity error/warning/note →
//   high/medium/low; none, absent, or tags naming neither "security" nor a CWE (a style
//   rule) → skipped. Reasons are snake_cased like the other kinds ("won't fix" → wont_fix).
// - Secret scanning: only resolution revoked ends the exposure, so it is the fix; every
//   other resolution is a dismissal.

export interface AlertContext {
  /** owner/name */
  repository: string;
  service: string;
  secretScanningSeverity: Severity;
  /** When the payload was received or fetched: the closing time of last resort. */
  observedAt?: EpochMs;
}

type Fail = (field: string, problem: string) => never;
/** How the state closes the alert: [outcome, field holding the time, its value, reason]. */
type Closing = "open" | readonly ["fixed" | "dismissed", string, unknown, (string | undefined)?];
type Common = { number?: unknown; state?: unknown; created_at?: unknown; updated_at?: unknown };

const ISO = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const SEVERITY = new Map<string, Severity>([...SEVERITIES.map((s) => [s, s] as const)]);
SEVERITY.set("moderate", "medium");
const RULE_SEVERITY = new Map<string, Severity>(
  Object.entries({ error: "high", warning: "medium", note: "low" } as const),
);

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
const severityOf = (value: unknown) => SEVERITY.get(text(value)?.toLowerCase() ?? "");

function failer(kind: string, alert: Common, ctx: AlertContext): Fail {
  return (field, problem) => {
    throw new Error(`${ctx.repository} ${kind} alert #${alert.number}: ${field} ${problem}`);
  };
}

function time(fail: Fail, field: string, value: unknown): EpochMs | undefined {
  if (value === undefined || value === null) return undefined;
  const m = typeof value === "string" ? ISO.exec(value) : null;
  const ms = m ? Date.parse(value as string) : Number.NaN;
  // Date.parse rolls 02-30 over into March; a date that moves is not a date.
  const day = m?.[1];
  if (Number.isNaN(ms) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day)
    fail(field, `is not a valid time: ${JSON.stringify(value)}`);
  return ms;
}

function vulnerability(
  kind: string,
  alert: Common & { html_url?: unknown },
  ctx: AlertContext,
  base: Pick<Vulnerability, "severity" | "source">,
  closing: Closing | undefined,
): Vulnerability {
  const fail = failer(kind, alert, ctx);
  if (!Number.isSafeInteger(alert.number) || (alert.number as number) < 1)
    fail("number", "is missing or invalid");
  const openedAt = time(fail, "created_at", alert.created_at) ?? fail("created_at", "is missing");
  const id = `github:${ctx.repository.toLowerCase()}:${kind}:${alert.number}`;
  const v: Vulnerability = { id, service: ctx.service, ...base, openedAt };
  if (typeof alert.html_url === "string") v.url = alert.html_url;
  if (closing === "open") return v;
  if (closing === undefined) return fail("state", `is unknown: ${JSON.stringify(alert.state)}`);
  const [outcome, field, value, reason] = closing;
  const ms =
    time(fail, field, value) ?? time(fail, "updated_at", alert.updated_at) ?? ctx.observedAt;
  if (ms === undefined) return fail(field, "is missing for a closed alert");
  if (outcome === "fixed") v.fixedAt = Math.max(ms, openedAt);
  else v.dismissedAt = Math.max(ms, openedAt);
  if (outcome === "dismissed" && reason) v.dismissedReason = reason;
  return v;
}

export function fromDependabotAlert(
  alert: DependabotAlertPayload,
  ctx: AlertContext,
): Vulnerability | undefined {
  const raw = alert.security_advisory?.severity ?? alert.security_vulnerability?.severity;
  const severity =
    severityOf(raw) ??
    failer("dependabot", alert, ctx)("security_advisory.severity", `is unknown: ${raw}`);
  const reason = text(alert.dismissed_reason);
  const autoDismissed = alert.auto_dismissed_at ?? alert.dismissed_at;
  const auto = reason ?? "auto_dismissed";
  const closing = new Map<unknown, Closing>([
    ["open", "open"],
    ["fixed", ["fixed", "fixed_at", alert.fixed_at]],
    ["dismissed", ["dismissed", "dismissed_at", alert.dismissed_at, reason]],
    ["auto_dismissed", ["dismissed", "auto_dismissed_at", autoDismissed, auto]],
  ]).get(alert.state);
  return vulnerability("dependabot", alert, ctx, { severity, source: "dependabot" }, closing);
}

function codeScanningSeverity(rule: CodeScanningAlertPayload["rule"]): Severity | undefined {
  const level = severityOf(rule?.security_severity_level);
  if (level) return level;
  const tags = Array.isArray(rule?.tags) ? rule.tags.map((t) => String(t).toLowerCase()) : [];
  if (tags.length > 0 && !tags.some((t) => t === "security" || t.startsWith("external/cwe/")))
    return undefined;
  return RULE_SEVERITY.get(text(rule?.severity)?.toLowerCase() ?? "");
}

export function fromCodeScanningAlert(
  alert: CodeScanningAlertPayload,
  ctx: AlertContext,
): Vulnerability | undefined {
  const severity = codeScanningSeverity(alert.rule);
  if (severity === undefined) return undefined;
  const source = `code-scanning:${text(alert.tool?.name) ?? "unknown"}`;
  const reason = text(alert.dismissed_reason)?.toLowerCase().replaceAll("'", "");
  const closing = new Map<unknown, Closing>([
    ["open", "open"],
    ["fixed", ["fixed", "fixed_at", alert.fixed_at]],
    ["dismissed", ["dismissed", "dismissed_at", alert.dismissed_at, reason?.replaceAll(" ", "_")]],
  ]).get(alert.state);
  return vulnerability("code-scanning", alert, ctx, { severity, source }, closing);
}

export function fromSecretScanningAlert(
  alert: SecretScanningAlertPayload,
  ctx: AlertContext,
): Vulnerability | undefined {
  const resolution = text(alert.resolution);
  const outcome = resolution === "revoked" ? "fixed" : "dismissed";
  const closing = new Map<unknown, Closing>([
    ["open", "open"],
    ["resolved", [outcome, "resolved_at", alert.resolved_at, resolution]],
  ]).get(alert.state);
  const base = { severity: ctx.secretScanningSeverity, source: "secret-scanning" };
  return vulnerability("secret-scanning", alert, ctx, base, closing);
}

type Normalize = (alert: never, ctx: AlertContext) => Vulnerability | undefined;
const WEBHOOKS = new Map<string, Normalize>([
  ["dependabot_alert", fromDependabotAlert],
  ["code_scanning_alert", fromCodeScanningAlert],
  ["secret_scanning_alert", fromSecretScanningAlert],
]);

/** Webhook payloads of dependabot_alert, code_scanning_alert, secret_scanning_alert: the alert inside, or undefined for other events. */
export function vulnerabilityFromWebhook(
  event: string,
  payload: unknown,
  ctx: AlertContext,
): Vulnerability | undefined {
  const normalize = WEBHOOKS.get(event);
  if (normalize === undefined) return undefined;
  const alert =
    typeof payload === "object" && payload !== null ? Reflect.get(payload, "alert") : undefined;
  if (typeof alert !== "object" || alert === null)
    throw new Error(`${ctx.repository} ${event} webhook: the payload has no alert object`);
  // Each normalizer checks the fields it reads, so the payload needs no schema of its own.
  return normalize(alert as never, ctx);
}
