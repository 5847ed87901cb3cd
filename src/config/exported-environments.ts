import { z } from "zod";

// Which recorded environment names dora_deployments_total keeps as its `environment` label.
// Production environments (production_environments) and the names listed in
// exported_environments are kept as recorded; every other name is counted under
// `environment="other"`, so per-pull-request preview environments add no series.

/** The label value every environment neither production nor exported is counted under. */
export const OTHER_ENVIRONMENT = "other";

/** exported_environments: exact names, compared case-insensitively as production is. */
export const exportedEnvironmentsSchema = z
  .array(z.string().trim().min(1, "expected an environment name"))
  .default([]);

interface Issue {
  path: string;
  message: string;
}

/** Names listed twice, the reserved name, and a production pattern that claims it. */
export function exportedEnvironmentIssues(config: {
  production_environments: string;
  exported_environments: readonly string[];
}): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  config.exported_environments.forEach((name, i) => {
    const path = `exported_environments[${i}]`;
    const key = name.toLowerCase();
    if (key === OTHER_ENVIRONMENT)
      issues.push({
        path,
        message: `"${name}" is reserved: dora_deployments_total counts every environment not kept under environment="${OTHER_ENVIRONMENT}"`,
      });
    else if (seen.has(key))
      issues.push({ path, message: `duplicate environment ${name} (names are case-insensitive)` });
    seen.add(key);
  });
  // A production environment called "other" would share its series with the folded ones.
  if (new RegExp(config.production_environments, "i").test(OTHER_ENVIRONMENT))
    issues.push({
      path: "production_environments",
      message: `matches "${OTHER_ENVIRONMENT}", the environment label dora_deployments_total reserves for environments it does not keep; anchor the pattern, e.g. ^(prod|production)$`,
    });
  return issues;
}

/**
 * The `environment` label of a deployment counted in dora_deployments_total: its recorded
 * name when production or exported, else `other`.
 */
export function environmentLabeller(
  production: RegExp,
  exported: ReadonlySet<string>,
): (environment: string) => string {
  return (environment) =>
    production.test(environment) || exported.has(environment.toLowerCase())
      ? environment
      : OTHER_ENVIRONMENT;
}
