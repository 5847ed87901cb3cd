import type { EngineConfig, Thresholds } from "../config/engine-config.ts";

// DORA performance levels (contract §5): 3 elite, 2 high, 1 medium, 0 low.

/** For metrics where less is better: lead time, change failure, recovery time. */
export function levelAtMost(value: number, t: Thresholds): number {
  return value <= t.elite ? 3 : value <= t.high ? 2 : value <= t.medium ? 1 : 0;
}

/** For metrics where more is better: deployment frequency. */
export function levelAtLeast(value: number, t: Thresholds): number {
  return value >= t.elite ? 3 : value >= t.high ? 2 : value >= t.medium ? 1 : 0;
}

export interface LevelInputs {
  leadTimeP50Seconds?: number;
  deploymentsPerDay?: number;
  changeFailureRatio?: number;
  recoveryTimeP50Seconds?: number;
}

/** [metric label, level] for each input present. */
export function performanceLevels(
  inputs: LevelInputs,
  config: EngineConfig,
): Array<[string, number]> {
  const l = config.levels;
  const out: Array<[string, number]> = [];
  if (inputs.leadTimeP50Seconds !== undefined)
    out.push(["lead_time", levelAtMost(inputs.leadTimeP50Seconds, l.leadTimeSeconds)]);
  if (inputs.deploymentsPerDay !== undefined)
    out.push(["deployment_frequency", levelAtLeast(inputs.deploymentsPerDay, l.deploymentsPerDay)]);
  if (inputs.changeFailureRatio !== undefined)
    out.push(["change_failure", levelAtMost(inputs.changeFailureRatio, l.changeFailureRatio)]);
  if (inputs.recoveryTimeP50Seconds !== undefined)
    out.push(["recovery_time", levelAtMost(inputs.recoveryTimeP50Seconds, l.recoveryTimeSeconds)]);
  return out;
}
