import type { Random } from "./random.ts";

// Words for titles: pull requests in Conventional Commits style, incidents as an
// on-call engineer would name them. Topics per team keep each service's history
// readable in the evidence views.

const TOPICS: Record<string, readonly string[]> = {
  payments: [
    "3-D Secure challenge",
    "refund webhooks",
    "card tokenisation",
    "SEPA direct debit",
    "payout reconciliation",
    "idempotency keys",
    "wallet payments",
    "chargeback export",
  ],
  lending: [
    "affordability check",
    "loan offer documents",
    "credit bureau client",
    "repayment schedule",
    "early settlement quote",
    "KYC document upload",
    "interest accrual job",
    "arrears reminders",
  ],
  platform: [
    "rate limiter",
    "OIDC token refresh",
    "mTLS between services",
    "request tracing",
    "email templates",
    "SMS provider failover",
    "JWKS cache",
    "canary analysis",
  ],
  mobile: [
    "home feed",
    "push opt-in screen",
    "remote config flags",
    "offline mode",
    "image resizing",
    "dark mode",
    "onboarding flow",
    "app rating prompt",
  ],
};

const VERBS: Record<string, readonly string[]> = {
  feat: ["add", "support", "introduce", "enable"],
  fix: ["handle timeout in", "correct rounding in", "retry", "fix race in", "validate input of"],
  refactor: ["extract", "simplify", "split"],
  perf: ["cache", "batch calls of", "speed up"],
  docs: ["document"],
  test: ["cover", "add contract tests for"],
};

const DEPENDENCIES = ["express", "zod", "pg", "axios", "jackson-databind", "spring-boot", "grpc"];

const SYMPTOMS = [
  "Elevated 5xx rate",
  "Latency SLO burn",
  "Error budget burn",
  "Queue backlog growing",
  "Timeouts calling downstream",
  "Memory leak after release",
];

/** Incidents that no deployment caused. */
const EXTERNAL_CAUSES = [
  "Upstream provider outage",
  "Traffic spike",
  "DNS resolution failures",
  "Cloud region degradation",
];

export type ChangeType = "feat" | "fix" | "chore" | "refactor" | "perf" | "docs" | "test";

export function topicOf(team: string, random: Random): string {
  return random.pick(TOPICS[team] ?? ["service"]);
}

export function changeTitle(type: ChangeType, team: string, random: Random): string {
  if (type === "chore") {
    const version = `${random.int(1, 9)}.${random.int(0, 20)}.${random.int(0, 9)}`;
    return `chore(deps): bump ${random.pick(DEPENDENCIES)} to ${version}`;
  }
  const subject = `${random.pick(VERBS[type] ?? ["update"])} ${topicOf(team, random)}`;
  return `${type}: ${subject}`;
}

export function incidentTitle(service: string, external: boolean, random: Random): string {
  return `${random.pick(external ? EXTERNAL_CAUSES : SYMPTOMS)} on ${service}`;
}
