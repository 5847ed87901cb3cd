import type { PerformanceLevel } from "./catalogue.ts";

// How a team of each DORA level works, as distributions the generators draw from.
// Ranges are [min, max]; durations are drawn log-uniformly, so most values sit near the
// low end with a realistic tail. Tuned so each team lands on its level in the 90d window.

export type Range = readonly [number, number];

export interface DeliveryProfile {
  /** Production deployments per working day (several a day, or a share of days)... */
  deploysPerWorkday?: number;
  /** ...or weekly release trains on these UTC weekdays (0 Sunday .. 6 Saturday). */
  trainWeekdays?: readonly number[];
  changesPerDeploy: Range;
  /** First commit to merge, in hours: how long work sits on a branch. */
  codingHours: Range;
  /** Work item created this many days before the first commit. */
  ticketLeadDays: Range;
  /** Staging deployment this many minutes before production. */
  stagingLeadMinutes: Range;
  failureRate: number;
  /** Share of failures that are rolled back rather than fixed forward. */
  rollbackShare: number;
  /** Deployment finished to incidents resolved (or rollback), in minutes. */
  recoveryMinutes: Range;
  /** Share of changes approved by a teammate before merge. */
  reviewedShare: number;
  /** Share of changes linking a work item. */
  ticketShare: number;
  /** Share of production deployments with a recorded approval. */
  deployApprovedShare: number;
  /** Whether a bot deploys (continuous deployment) rather than an engineer. */
  continuous: boolean;
  /** Multiplies remediation times of vulnerabilities. */
  remediationFactor: number;
}

export const PROFILES: Record<PerformanceLevel, DeliveryProfile> = {
  elite: {
    deploysPerWorkday: 2.6,
    changesPerDeploy: [1, 2],
    codingHours: [1, 16],
    ticketLeadDays: [0.5, 6],
    stagingLeadMinutes: [8, 25],
    failureRate: 0.025,
    rollbackShare: 0.5,
    recoveryMinutes: [12, 55],
    reviewedShare: 0.97,
    ticketShare: 0.9,
    deployApprovedShare: 0.15,
    continuous: true,
    remediationFactor: 0.5,
  },
  high: {
    deploysPerWorkday: 0.6,
    changesPerDeploy: [1, 4],
    codingHours: [8, 96],
    ticketLeadDays: [2, 20],
    stagingLeadMinutes: [30, 180],
    failureRate: 0.055,
    rollbackShare: 0.35,
    recoveryMinutes: [45, 600],
    reviewedShare: 0.95,
    ticketShare: 0.93,
    deployApprovedShare: 0.95,
    continuous: false,
    remediationFactor: 0.8,
  },
  medium: {
    trainWeekdays: [2, 4],
    changesPerDeploy: [2, 6],
    codingHours: [72, 400],
    ticketLeadDays: [5, 40],
    stagingLeadMinutes: [240, 1200],
    failureRate: 0.09,
    rollbackShare: 0.25,
    recoveryMinutes: [1440, 8640],
    reviewedShare: 0.9,
    ticketShare: 0.88,
    deployApprovedShare: 0.92,
    continuous: false,
    remediationFactor: 1.3,
  },
  low: {
    trainWeekdays: [3],
    changesPerDeploy: [5, 11],
    codingHours: [500, 1300],
    ticketLeadDays: [10, 60],
    stagingLeadMinutes: [1440, 2880],
    failureRate: 0.3,
    rollbackShare: 0.1,
    recoveryMinutes: [8640, 40320],
    reviewedShare: 0.8,
    ticketShare: 0.8,
    deployApprovedShare: 0.88,
    continuous: false,
    remediationFactor: 2.2,
  },
};
