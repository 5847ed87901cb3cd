import { z } from "zod";
import { checkName, positiveDuration } from "../../config/patterns.ts";
import { CONTROLS } from "../../vocabulary/conventions.ts";
import { sourceConfig } from "../source-config.ts";

// sources.github: where the GitHub collector reads. Credentials come from the environment
// (README, "GitHub"); the per-service settings (deploy branch, paths, workflows) are the
// catalogue's, in src/config/service-schema.ts.

const severity = z.enum(["critical", "high", "medium", "low"]);

export const githubSourceSchema = z.strictObject({
  /** GitHub Enterprise Server: https://HOST/api/v3 */
  base_url: z.url({ protocol: /^https?$/ }).default("https://api.github.com"),
  history_days: z.number().int().min(1).max(3650).default(180),
  interval: positiveDuration.prefault("5m"),
  /** Organisation whose billing usage prices Actions minutes; absent → no CI cost. */
  organisation: z.string().min(1).optional(),
  secret_scanning_severity: severity.default("critical"),
  security_alerts: z.boolean().default(true),
  /** Job-name patterns (exact or /regex/) whose Actions minutes are the cost of a control. */
  ci_controls: z.partialRecord(z.enum(CONTROLS), z.array(checkName)).default({}),
});

export type GithubSourceConfig = z.infer<typeof githubSourceSchema>;

export const githubConfig = sourceConfig("github", githubSourceSchema);
