import { type ChangeIndex, resolveAll } from "./change-refs.ts";
import type { RowProblem, VariationRow } from "./csv-rows.ts";
import type { TreatmentResult } from "./result-record.ts";

// Rows of one file paired into results: each experiment's control row against each of its
// treatment rows. Means are numerator ÷ denominator; the treatment's relative-lift bounds
// are converted with the control mean like GrowthBook's. A whole experiment is refused when
// its sample-ratio check failed or it has no single control row.

/** GrowthBook's default: below this p-value, traffic did not split as configured. */
export const SRM_THRESHOLD = 0.001;

export interface PairedRow {
  line: number;
  result: TreatmentResult;
}

export type Refusal = RowProblem & { srm?: true };

function refuseAll(rows: VariationRow[], field: string, message: string, srm = false): Refusal[] {
  return rows
    .filter((r) => !r.control)
    .map((r) => ({
      line: r.line,
      field,
      message: `${field}: ${message}`,
      ...(srm && { srm: true as const }),
    }));
}

function pairExperiment(rows: VariationRow[], index: ChangeIndex): (PairedRow | Refusal)[] {
  const [first] = rows;
  if (!first) return [];
  const name = first.experiment;
  const controls = rows.filter((r) => r.control);
  const srm = rows.find((r) => r.srm !== undefined && r.srm < SRM_THRESHOLD);
  if (srm)
    return refuseAll(
      rows,
      "srm_p_value",
      `experiment ${name}: sample ratio mismatch (p = ${srm.srm} < ${SRM_THRESHOLD}, line ${srm.line})`,
      true,
    );
  const control = controls[0];
  if (!control || controls.length > 1)
    return refuseAll(
      rows,
      "control",
      `experiment ${name}: needs exactly one control row, has ${controls.length}`,
    );
  const controlMean = control.numerator / control.denominator;
  const seen = new Set<string>([control.variation]);
  return rows
    .filter((r) => !r.control)
    .map((r): PairedRow | Refusal => {
      const refuse = (field: string, message: string) => ({
        line: r.line,
        field,
        message: `${field}: ${message}`,
      });
      if (seen.has(r.variation)) return refuse("variation", `${name}/${r.variation} appears twice`);
      seen.add(r.variation);
      if (r.currency !== control.currency)
        return refuse(
          "currency",
          `${r.currency} differs from the control row's ${control.currency}`,
        );
      if ((r.metric ?? "") !== (control.metric ?? ""))
        return refuse(
          "metric",
          `one metric per experiment: the control row's is ${control.metric ?? "empty"}`,
        );
      if (!r.change) return refuse("change", "required on a treatment row");
      const link = resolveAll([r.change], index);
      if ("problem" in link) return refuse("change", link.problem);
      return {
        line: r.line,
        result: {
          id: `${name}/${r.variation}`,
          changeId: link.changeId,
          currency: r.currency,
          ...(r.metric !== undefined && { metric: r.metric }),
          controlMean,
          treatmentMean: r.numerator / r.denominator,
          treatmentUnits: r.denominator,
          ...(r.ciLow !== undefined && { liftLow: r.ciLow, liftHigh: r.ciHigh }),
        },
      };
    });
}

export function pairRows(
  rows: readonly VariationRow[],
  index: ChangeIndex,
): (PairedRow | Refusal)[] {
  const byExperiment = new Map<string, VariationRow[]>();
  for (const row of rows) {
    const list = byExperiment.get(row.experiment);
    if (list) list.push(row);
    else byExperiment.set(row.experiment, [row]);
  }
  return [...byExperiment.values()].flatMap((group) => pairExperiment(group, index));
}
