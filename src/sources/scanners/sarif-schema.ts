import { z } from "zod";

// The parts of SARIF 2.1.0 a finding needs (OASIS sarif-v2.1.0; GitHub's "SARIF support
// for code scanning" for the properties it reads). Everything else in a log is ignored.

const level = z.enum(["none", "note", "warning", "error"]);
const strings = z.record(z.string(), z.string());
const instant = z.iso.datetime({ offset: true, error: "expected an ISO-8601 time with offset" });

const rule = z.object({
  id: z.string(),
  helpUri: z.string().nullish(),
  defaultConfiguration: z.object({ level: level.nullish() }).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});
export type SarifRule = z.output<typeof rule>;

const component = z.object({
  name: z.string().min(1, "must not be empty"),
  rules: z.array(rule).nullish(),
});
export type SarifComponent = z.output<typeof component>;

const result = z.object({
  ruleId: z.string().nullish(),
  ruleIndex: z.number().int().nonnegative().nullish(),
  rule: z
    .object({
      id: z.string().nullish(),
      index: z.number().int().nonnegative().nullish(),
      toolComponent: z.object({ index: z.number().int().nonnegative().nullish() }).nullish(),
    })
    .nullish(),
  kind: z.string().nullish(),
  level: level.nullish(),
  message: z.object({ text: z.string().nullish() }).nullish(),
  locations: z
    .array(
      z.object({
        physicalLocation: z
          .object({ artifactLocation: z.object({ uri: z.string().nullish() }).nullish() })
          .nullish(),
      }),
    )
    .nullish(),
  fingerprints: strings.nullish(),
  partialFingerprints: strings.nullish(),
  baselineState: z.string().nullish(),
  suppressions: z
    .array(
      z.object({
        kind: z.string().nullish(),
        status: z.string().nullish(),
        justification: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type SarifResult = z.output<typeof result>;

const run = z.object({
  tool: z.object({ driver: component, extensions: z.array(component).nullish() }),
  // Absent or null results mean the tool produced none (it failed), not "no findings".
  results: z.array(result, {
    error: (issue) =>
      issue.input == null
        ? "missing: a run without results did not complete, so it cannot show findings as fixed"
        : "expected an array",
  }),
  invocations: z
    .array(
      z.object({
        startTimeUtc: instant.nullish(),
        endTimeUtc: instant.nullish(),
        executionSuccessful: z.boolean().nullish(),
      }),
    )
    .nullish(),
  automationDetails: z.object({ id: z.string().nullish() }).nullish(),
});
export type SarifRun = z.output<typeof run>;

export const sarifLog = z.object({
  version: z.literal("2.1.0", { error: "expected 2.1.0: this importer reads SARIF 2.1.0" }),
  runs: z.array(run),
});
