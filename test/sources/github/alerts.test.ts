import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { components } from "@octokit/openapi-types";
import { describe, expect, it } from "vitest";
import {
  type AlertContext,
  fromCodeScanningAlert,
  fromDependabotAlert,
  fromSecretScanningAlert,
  vulnerabilityFromWebhook,
} from "../../../src/sources/github/normalize/alerts.ts";
import type {
  CodeScanningAlertPayload as CodeScanning,
  DependabotAlertPayload as Dependabot,
  SecretScanningAlertPayload as SecretScanning,
} from "../../../src/sources/github/types.ts";

type Schemas = components["schemas"];
const DATA = fileURLToPath(new URL("../../fixtures", import.meta.url));
const load = <T>(path: string): T => JSON.parse(readFileSync(`${DATA}/${path}`, "utf8"));
const at = (text: string) => Date.parse(text);
const ctx: AlertContext = {
  repository: "Octocat/Hello-World",
  service: "web",
  secretScanningSeverity: "critical",
};
const T0 = "2024-03-01T10:00:00Z";
const T1 = "2024-03-05T10:00:00Z";
const advisory = (severity: string) => ({ security_advisory: { severity } });
// Builders take loose fields: some tests feed what GitHub's types forbid.
const dependabot = (fields: object) =>
  ({ number: 7, state: "open", created_at: T0, ...advisory("high"), ...fields }) as Dependabot;
const codeScanning = (rule: CodeScanning["rule"], fields: object = {}) =>
  ({
    number: 9,
    state: "open",
    created_at: T0,
    rule,
    tool: { name: "CodeQL" },
    ...fields,
  }) as CodeScanning;
const secret = (fields: object) =>
  ({ number: 3, created_at: T0, state: "resolved", resolved_at: T1, ...fields }) as SecretScanning;

describe("Dependabot alerts", () => {
  it("read moderate as medium and keep only the time the state names", () => {
    const reopened = dependabot({ state: "open", fixed_at: T1, ...advisory("moderate") });
    expect(fromDependabotAlert(reopened, ctx)).toEqual({
      id: "github:octocat/hello-world:dependabot:7",
      service: "web",
      severity: "medium",
      openedAt: at(T0),
      source: "dependabot",
    });
    const fixed = fromDependabotAlert(
      dependabot({ state: "fixed", fixed_at: null, updated_at: T1 }),
      ctx,
    );
    expect(fixed).toMatchObject({ fixedAt: at(T1) });
    expect(fixed?.dismissedAt).toBeUndefined();
  });

  it("treat auto_dismissed as a dismissal and clamp a close before the opening", () => {
    const auto = dependabot({
      state: "auto_dismissed",
      auto_dismissed_at: T1,
      dismissed_reason: null,
    });
    expect(fromDependabotAlert(auto, ctx)).toMatchObject({
      dismissedAt: at(T1),
      dismissedReason: "auto_dismissed",
    });
    const early = dependabot({ state: "fixed", fixed_at: "2024-02-01T00:00:00Z" });
    expect(fromDependabotAlert(early, ctx)?.fixedAt).toBe(at(T0));
    const security_vulnerability = { severity: "critical" };
    const noAdvisory = { number: 8, state: "open", created_at: T0, security_vulnerability };
    expect(fromDependabotAlert(noAdvisory, ctx)?.severity).toBe("critical");
  });

  it("name repository, kind, number and field when a payload is unusable", () => {
    const bad = (fields: object) => () =>
      fromDependabotAlert(dependabot({ state: "open", ...fields }), ctx);
    expect(bad({ created_at: "yesterday" })).toThrow(
      "Octocat/Hello-World dependabot alert #7: created_at",
    );
    expect(bad({ created_at: "2023-02-30T00:00:00Z" })).toThrow("created_at is not a valid time");
    expect(bad(advisory("unknown"))).toThrow("#7: security_advisory.severity is unknown");
    expect(bad({ state: "withdrawn" })).toThrow("#7: state is unknown");
    expect(bad({ number: "7" })).toThrow("number is missing or invalid");
    expect(bad({ state: "fixed", updated_at: undefined })).toThrow("#7: fixed_at is missing");
  });
});

describe("code scanning alerts", () => {
  it("prefer security_severity_level and map rule.severity otherwise", () => {
    const severity = (rule: CodeScanning["rule"]) =>
      fromCodeScanningAlert(codeScanning(rule), ctx)?.severity;
    expect(severity({ severity: "note", security_severity_level: "critical" })).toBe("critical");
    expect(severity({ severity: "error", tags: null })).toBe("high");
    expect(severity({ severity: "warning", tags: ["external/cwe/cwe-079"] })).toBe("medium");
    expect(severity({ severity: "note" })).toBe("low");
    expect(severity({ severity: "none" })).toBeUndefined();
    expect(severity({ severity: "error", tags: ["maintainability"] })).toBeUndefined();
    expect(severity(undefined)).toBeUndefined();
  });

  it("snake_case dismissal reasons and fall back to updated_at for a fixed alert", () => {
    const dismissed = codeScanning(
      { severity: "error" },
      { state: "dismissed", dismissed_at: T1, dismissed_reason: "won't fix" },
    );
    expect(fromCodeScanningAlert(dismissed, ctx)).toMatchObject({
      id: "github:octocat/hello-world:code-scanning:9",
      source: "code-scanning:CodeQL",
      dismissedAt: at(T1),
      dismissedReason: "wont_fix",
    });
    const fixed = codeScanning({ severity: "error" }, { state: "fixed", updated_at: T1, tool: {} });
    expect(fromCodeScanningAlert(fixed, ctx)).toMatchObject({
      fixedAt: at(T1),
      source: "code-scanning:unknown",
    });
    expect(() =>
      fromCodeScanningAlert(codeScanning({ severity: "error" }, { state: null }), ctx),
    ).toThrow("state is unknown");
  });
});

describe("secret scanning alerts", () => {
  it("count only revocation as the fix", () => {
    expect(fromSecretScanningAlert(secret({ resolution: "revoked" }), ctx)).toMatchObject({
      severity: "critical",
      fixedAt: at(T1),
    });
    const tests = fromSecretScanningAlert(secret({ resolution: "used_in_tests" }), ctx);
    expect(tests).toMatchObject({ dismissedAt: at(T1), dismissedReason: "used_in_tests" });
    expect(
      fromSecretScanningAlert(secret({ state: "open" }), {
        ...ctx,
        secretScanningSeverity: "high",
      }),
    ).toEqual({
      id: "github:octocat/hello-world:secret-scanning:3",
      service: "web",
      severity: "high",
      openedAt: at(T0),
      source: "secret-scanning",
    });
  });
});

describe("GitHub fixtures", () => {
  const hello = { ...ctx, repository: "octocat/hello-world" };
  it("normalize the REST list examples", () => {
    const [dismissed, open] = load<{ example: Schemas["dependabot-alert"][] }>(
      "github/dependabot-alerts.json",
    ).example;
    expect(fromDependabotAlert(dismissed as Schemas["dependabot-alert"], hello)).toEqual({
      id: "github:octocat/hello-world:dependabot:2",
      service: "web",
      severity: "high",
      source: "dependabot",
      openedAt: at("2022-06-15T07:43:03Z"),
      dismissedAt: at("2022-08-23T14:29:47Z"),
      dismissedReason: "tolerable_risk",
      url: "https://github.com/octocat/hello-world/security/dependabot/2",
    });
    const reopened = fromDependabotAlert(open as Schemas["dependabot-alert"], hello);
    expect(reopened).toMatchObject({
      id: "github:octocat/hello-world:dependabot:1",
      severity: "medium",
    });
    const code = load<{ example: Schemas["code-scanning-alert-items"][] }>(
      "github/code-scanning-alerts.json",
    ).example;
    expect(code.map((alert) => fromCodeScanningAlert(alert, hello))).toMatchObject([
      { severity: "high", source: "code-scanning:CodeQL", openedAt: at("2020-02-13T12:29:18Z") },
      { dismissedAt: at("2020-02-14T12:29:18Z"), dismissedReason: "false_positive" },
    ]);
    const secrets = load<{ example: Schemas["secret-scanning-alert"][] }>(
      "github/secret-scanning-alerts.json",
    ).example;
    expect(
      fromSecretScanningAlert(secrets[0] as Schemas["secret-scanning-alert"], hello),
    ).toMatchObject({
      dismissedAt: at("2020-11-07T02:47:13Z"),
      dismissedReason: "false_positive",
      severity: "critical",
    });
  });

  it("read webhooks into records with the ids a sync gives", () => {
    const hooks = (event: string) =>
      load<{ examples_by_action: Record<string, unknown> }>(`github-webhooks/${event}.json`)
        .examples_by_action;
    const dependabot = hooks("dependabot_alert");
    const fixed = vulnerabilityFromWebhook("dependabot_alert", dependabot.fixed, hello);
    expect(fixed).toMatchObject({
      id: "github:octocat/hello-world:dependabot:1",
      fixedAt: at("2022-06-15T13:55:40Z"),
    });
    const code = hooks("code_scanning_alert");
    expect(vulnerabilityFromWebhook("code_scanning_alert", code.reopened, hello)).toBeUndefined();
    expect(
      vulnerabilityFromWebhook("code_scanning_alert", code.closed_by_user, hello),
    ).toMatchObject({
      severity: "high",
      dismissedAt: at("2021-02-11T02:59:08Z"),
      dismissedReason: "false_positive",
    });
    expect(() => vulnerabilityFromWebhook("code_scanning_alert", code.fixed, hello)).toThrow(
      "#10: fixed_at is missing",
    );
    const observed = vulnerabilityFromWebhook("code_scanning_alert", code.fixed, {
      ...hello,
      observedAt: at(T1),
    });
    expect(observed?.fixedAt).toBe(at(T1));
    const [secret] = load<{ example: unknown[] }>("github/secret-scanning-alerts.json").example;
    const resolved = vulnerabilityFromWebhook(
      "secret_scanning_alert",
      { action: "resolved", alert: secret },
      hello,
    );
    expect(resolved?.id).toBe("github:octocat/hello-world:secret-scanning:2");
    expect(vulnerabilityFromWebhook("push", dependabot.fixed, hello)).toBeUndefined();
    expect(() => vulnerabilityFromWebhook("dependabot_alert", { action: "fixed" }, hello)).toThrow(
      "no alert object",
    );
  });
});
