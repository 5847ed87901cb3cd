import { z } from "zod";
import { checkName, regexText } from "./patterns.ts";

// The compliance section, for the organisation and for each team alike (contract §7 and
// §8.2; METRICS.md decision 130): either `controls`, one policy in force at all times, or
// `policies`, a history of controls each in force from its `effective_from` on.

export const controlsSchema = z.strictObject({
  required_checks: z.array(checkName).optional(),
  change_approval: z.number().int().min(0).optional(),
  deployment_approval: z.boolean().optional(),
  linked_ticket: regexText.optional(),
});

/** An instant with its offset, as YAML gives it: a string, or a Date from a YAML 1.1 reader. */
const instant = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString() : value;
  const ms = Date.parse(text);
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text) || Number.isNaN(ms)) {
    ctx.addIssue({
      code: "custom",
      message: `expected an ISO-8601 instant with its offset, such as 2026-06-25T00:00:00Z, got ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

const policySchema = z.strictObject({ effective_from: instant, controls: controlsSchema });

export const complianceSchema = z
  .strictObject({
    controls: controlsSchema.optional(),
    policies: z.array(policySchema).min(1).optional(),
  })
  .superRefine((section, ctx) => {
    if (section.controls !== undefined && section.policies !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["policies"],
        message:
          "give either controls (one policy, always in force) or policies (a dated history), not both",
      });
    const policies = section.policies ?? [];
    for (let i = 1; i < policies.length; i++) {
      const before = policies[i - 1]?.effective_from as string;
      const at = policies[i]?.effective_from as string;
      if (Date.parse(at) <= Date.parse(before))
        ctx.addIssue({
          code: "custom",
          path: ["policies", i, "effective_from"],
          message: `must be later than policies[${i - 1}].effective_from (${before}): list the policies oldest first, each from its own instant`,
        });
    }
  });

export type ControlsConfig = z.infer<typeof controlsSchema>;
export type ComplianceConfig = z.infer<typeof complianceSchema>;
