import { z } from "zod";
import { POLICY_SUBJECT_PREFIX } from "../domain/evidence-record.ts";
import { COST_CATEGORIES, type RecordKind, SEVERITIES } from "../domain/records.ts";
import { CONTROLS } from "../vocabulary/conventions.ts";
import { MAX_AMOUNT } from "./storable.ts";
import { COMMIT_CLOCK_SKEW_MS, inOrder } from "./time-order.ts";

// The event import format v1 (contract §6), one schema per kind. Objects are
// not strict: the contract keeps unknown fields "but ignored", so zod strips them, and
// unknown-fields.ts reports each one (rejecting its line under import.strict).
// Times become epoch milliseconds here, once, on the way in.

/** Characters in an identifier (ids, names, SHAs, services); free text has MAX_TEXT_LENGTH. */
export const MAX_ID_LENGTH = 1024;

const text = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_ID_LENGTH, `must not be longer than ${MAX_ID_LENGTH} characters`);

const FIRST_INSTANT = Date.parse("0001-01-01T00:00:00Z");
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

const instant = z.iso
  .datetime({
    offset: true,
    // A missing time is "required" like any other field, not a badly written one.
    error: (issue) =>
      issue.input === undefined
        ? "required"
        : "expected an ISO-8601 time with offset, e.g. 2026-03-01T10:00:00Z",
  })
  .transform((value) => Date.parse(value))
  // PostgreSQL's timestamptz has no year 0; years 1–9999 are every instant a source can mean.
  .refine((ms) => ms >= FIRST_INSTANT && ms <= LAST_INSTANT, "expected a year between 1 and 9999");

const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "expected an ISO 4217 code such as EUR")
  .transform((code) => code.toUpperCase());

/** Git object ids compare case-insensitively; stored lower-case so the engine compares exactly. */
const sha = text.transform((value) => value.toLowerCase());

/**
 * An enumeration accepting any case ("Critical", "FAILURE"), stored as the contract
 * writes it (lower case), so a producer's capitals never make a valid line invalid.
 */
function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  params?: { error: string },
) {
  const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);
  return z.preprocess(lower, z.enum(values, params));
}

const approval = z.object({ by: text, at: instant });

/** The ledger files policy versions under `policy:<scope>`: no deployment may take such an id. */
const deploymentId = text.refine((id) => !id.startsWith(POLICY_SUBJECT_PREFIX), {
  error: `must not start with "${POLICY_SUBJECT_PREFIX}" (reserved for the evidence ledger's policy records)`,
});

export const deploymentInput = z
  .object({
    id: deploymentId,
    service: text,
    environment: text,
    finishedAt: instant,
    commitSha: sha,
    startedAt: instant.optional(),
    status: choice(["success", "failure"]).default("success"),
    changes: z.array(text).optional(),
    rollbackOf: text.optional(),
    /** Not in contract v1: the commit is a strict ancestor of the previous production one's. */
    ancestorOfPrevious: z.boolean({ error: "expected true or false" }).optional(),
    triggeredBy: z.string().optional(),
    approvals: z.array(approval).default([]),
    url: z.string().optional(),
  })
  .superRefine(inOrder("startedAt", "finishedAt"));

export const changeInput = z
  .object({
    id: text,
    service: text,
    mergedAt: instant,
    title: z.string().optional(),
    labels: z.array(z.string()).default([]),
    author: z.string().optional(),
    createdAt: instant.optional(),
    mergeCommitSha: sha.optional(),
    commits: z.array(z.object({ sha, authoredAt: instant })).default([]),
    linkedItems: z.array(z.object({ id: text, createdAt: instant.optional() })).default([]),
    approvals: z.array(approval).default([]),
    reverts: text.optional(),
    url: z.string().optional(),
  })
  .superRefine(inOrder("createdAt", "mergedAt"))
  .superRefine((change, ctx) => {
    for (const [i, commit] of change.commits.entries())
      inOrder("authoredAt", "mergedAt", {
        toleranceMs: COMMIT_CLOCK_SKEW_MS,
        path: ["commits", i, "authoredAt"],
      })({ authoredAt: commit.authoredAt, mergedAt: change.mergedAt }, ctx);
  });

export const incidentInput = z
  .object({
    id: text,
    service: text,
    startedAt: instant,
    resolvedAt: instant.optional(),
    severity: z.string().optional(),
    deploymentId: text.optional(),
    commitSha: sha.optional(),
    changeId: text.optional(),
    title: z.string().optional(),
    url: z.string().optional(),
  })
  .superRefine(inOrder("startedAt", "resolvedAt"));

export const checkInput = z.object({
  commitSha: sha,
  name: text,
  // GitHub's GraphQL API spells conclusions in capitals; the engine compares lower case.
  conclusion: text.transform((value) => value.toLowerCase()),
  completedAt: instant,
  service: text.optional(),
  url: z.string().optional(),
});

export const vulnerabilityInput = z
  .object({
    id: text,
    service: text,
    severity: choice(SEVERITIES),
    openedAt: instant,
    fixedAt: instant.optional(),
    dismissedAt: instant.optional(),
    dismissedReason: z.string().optional(),
    source: z.string().optional(),
    url: z.string().optional(),
  })
  .superRefine(inOrder("openedAt", "fixedAt"))
  .superRefine(inOrder("openedAt", "dismissedAt"));

export const costInput = z
  .object({
    /** Not in contract v1: the source's identity for rows it may restate. */
    id: text.optional(),
    amount: z
      .number()
      .refine((a) => Math.abs(a) <= MAX_AMOUNT, `must be between -${MAX_AMOUNT} and ${MAX_AMOUNT}`),
    currency,
    periodStart: instant,
    periodEnd: instant,
    category: choice(COST_CATEGORIES),
    service: text.optional(),
    tags: z.record(z.string(), z.string()).optional(),
    control: choice(CONTROLS, { error: `expected one of ${CONTROLS.join(", ")}` }).optional(),
    /** Not in contract v1: billing coordinates that cost_selectors can match. */
    subAccountId: text.optional(),
    resourceId: text.optional(),
  })
  .superRefine(inOrder("periodStart", "periodEnd"));

export const experimentInput = z
  .object({
    id: text,
    changeId: text,
    currency,
    controlMean: z.number(),
    treatmentMean: z.number(),
    treatmentUnits: z.number().nonnegative(),
    ciLow: z.number().optional(),
    ciHigh: z.number().optional(),
    metric: z.string().optional(),
    url: z.string().optional(),
  })
  .refine((e) => e.ciLow === undefined || e.ciHigh === undefined || e.ciLow <= e.ciHigh, {
    path: ["ciHigh"],
    message: "must not be below ciLow",
  });

export const INPUT_SCHEMAS = {
  deployment: deploymentInput,
  change: changeInput,
  incident: incidentInput,
  check: checkInput,
  vulnerability: vulnerabilityInput,
  cost: costInput,
  experiment: experimentInput,
} as const satisfies Record<RecordKind, z.ZodType>;

export type InputOf<K extends RecordKind> = z.output<(typeof INPUT_SCHEMAS)[K]>;
export type CostInput = InputOf<"cost">;
