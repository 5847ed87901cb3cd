// The status checks a branch requires: classic branch protection and the effective
// rules of rulesets together (GitHub enforces both), by check name.

export interface ProtectionPayload {
  required_status_checks?: {
    contexts?: string[];
    checks?: { context: string }[];
  } | null;
}

export interface BranchRule {
  type: string;
  parameters?: { required_status_checks?: { context: string }[] } | Record<string, unknown>;
}

export function requiredChecks(
  protection: ProtectionPayload | undefined,
  rules: readonly BranchRule[],
): string[] {
  const names = new Set<string>();
  const required = protection?.required_status_checks;
  for (const name of required?.contexts ?? []) names.add(name);
  for (const check of required?.checks ?? []) names.add(check.context);
  for (const rule of rules) {
    if (rule.type !== "required_status_checks") continue;
    const list = (rule.parameters as { required_status_checks?: { context: string }[] })
      ?.required_status_checks;
    for (const check of list ?? []) names.add(check.context);
  }
  return [...names].sort();
}
