import type { FakeAlert, FakeRepo } from "../../support/fake-github/index.ts";
import { t } from "./independent-fixture.ts";

// Security alerts of both repositories, counted by hand in independent-expect-risk.ts.
// Secret-scanning alerts carry no severity: the config maps them to high.

type Alerts = Pick<FakeRepo, "dependabotAlerts" | "codeScanningAlerts" | "secretScanningAlerts">;

const open = (number: number, severity: string | undefined, created: string): FakeAlert => ({
  number,
  state: "open",
  ...(severity && { severity }),
  createdAt: t(created),
  updatedAt: t(created),
});

const fixed = (number: number, severity: string | undefined, created: string, at: string) => ({
  ...open(number, severity, created),
  state: "fixed",
  fixedAt: t(at),
  updatedAt: t(at),
});

const dismissed = (number: number, severity: string, created: string, at: string, why: string) => ({
  ...open(number, severity, created),
  state: "dismissed",
  dismissedAt: t(at),
  dismissedReason: why,
  updatedAt: t(at),
});

const resolved = (number: number, created: string, at: string, resolution: string) => ({
  ...open(number, undefined, created),
  state: "resolved",
  resolution,
  resolvedAt: t(at),
  updatedAt: t(at),
});

export function billingAlerts(): Alerts {
  return {
    dependabotAlerts: [
      open(1, "critical", "06-20T00:00"),
      fixed(2, "high", "06-01T12:00", "06-11T12:00"),
      dismissed(3, "medium", "05-01T00:00", "06-05T00:00", "tolerable_risk"),
      fixed(4, "low", "04-20T00:00", "05-10T00:00"),
    ],
    codeScanningAlerts: [
      open(1, "high", "06-25T00:00"),
      fixed(2, "high", "06-10T00:00", "06-12T06:00"),
      dismissed(3, "low", "06-02T00:00", "06-03T00:00", "false positive"),
    ],
    secretScanningAlerts: [
      open(1, undefined, "06-29T00:00"),
      resolved(2, "06-14T00:00", "06-14T12:00", "revoked"),
      resolved(3, "06-05T00:00", "06-06T00:00", "false_positive"),
    ],
  };
}

export function monoAlerts(): Alerts {
  return {
    dependabotAlerts: [
      open(1, "low", "04-10T00:00"),
      // Exactly 90 days old at asOf: the medium SLA, not past it.
      open(2, "medium", "04-02T00:00"),
      fixed(3, "critical", "06-20T00:00", "06-22T00:00"),
    ],
    codeScanningAlerts: [open(1, "high", "05-15T00:00")],
    secretScanningAlerts: [open(1, undefined, "06-10T00:00")],
  };
}
