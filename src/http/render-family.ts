import type { Sample } from "../engine/snapshot-types.ts";
import { expositionType, type MetricDef } from "../vocabulary/conventions.ts";

// One metric family in both exposition formats. A serving process renders tens of
// thousands of series on every refresh, and a write changes few of them: a family keeps
// its last rendering, and a series whose labels and value are those it had keeps its line
// (a family with no line changed keeps its text), so a refresh writes only what moved.

export interface RenderedFamily {
  samples: readonly Sample[];
  /** Per sample: its line, and its label part (what makes a series distinct). */
  lines: string[];
  keys: string[];
  text: string;
  openMetrics: string;
}

export const escapeText = (text: string) => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const NEEDS_ESCAPE = /[\\\n"]/;
export const escapeLabel = (value: string) =>
  NEEDS_ESCAPE.test(value) ? escapeText(value).replace(/"/g, '\\"') : value;

function labelCount(labels: Record<string, string>): number {
  let n = 0;
  for (const _ in labels) n++;
  return n;
}

/** Same labels and value: the line already written for `was` holds for `sample`. */
function same(def: MetricDef, sample: Sample, was: Sample | undefined): boolean {
  if (was === undefined || sample.value !== was.value) return false;
  for (const name of def.labels) if (sample.labels[name] !== was.labels[name]) return false;
  return labelCount(sample.labels) === labelCount(was.labels);
}

/** A sample's label part and line; throws when it breaks the contract (see renderSamples). */
function lineOf(def: MetricDef, sample: Sample): [string, string] {
  if (!Number.isFinite(sample.value))
    throw new Error(`${def.name}: value ${sample.value} is not a finite number`);
  let pairs = "";
  let present = 0;
  for (const name of def.labels) {
    const value = sample.labels[name];
    if (value === undefined) continue;
    pairs += `${present ? "," : ""}${name}="${escapeLabel(value)}"`;
    present++;
  }
  if (present !== labelCount(sample.labels)) {
    const extra = Object.keys(sample.labels).filter((name) => !def.labels.includes(name));
    throw new Error(`${def.name}: label(s) ${extra.join(", ")} not in [${def.labels.join(", ")}]`);
  }
  if (def.type === "counter" && sample.value < 0)
    throw new Error(`${def.name}: counter value ${sample.value} is negative`);
  return [pairs, `${def.name}${present ? `{${pairs}}` : ""} ${sample.value}`];
}

function duplicateError(def: MetricDef, sample: Sample): Error {
  const labels = Object.fromEntries(
    def.labels.filter((n) => sample.labels[n] !== undefined).map((n) => [n, sample.labels[n]]),
  );
  return new Error(`${def.name}: series ${JSON.stringify(labels)} given twice`);
}

/** The family's HELP, TYPE and lines in both formats, reusing what `previous` wrote. */
export function renderFamily(
  def: MetricDef,
  samples: readonly Sample[],
  previous?: RenderedFamily,
): RenderedFamily {
  const lines: string[] = new Array(samples.length);
  const keys: string[] = new Array(samples.length);
  let changed = previous === undefined || previous.samples.length !== samples.length;
  const seen = new Set<string>();
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as Sample;
    if (previous !== undefined && same(def, sample, previous.samples[i])) {
      lines[i] = previous.lines[i] as string;
      keys[i] = previous.keys[i] as string;
    } else {
      [keys[i], lines[i]] = lineOf(def, sample);
      changed = true;
    }
    // Checked on every sample even when reused: another may now take its series.
    if (seen.has(keys[i] as string)) throw duplicateError(def, sample);
    seen.add(keys[i] as string);
  }
  if (!changed && previous !== undefined) return { ...previous, samples };
  const type = expositionType(def);
  const help = escapeText(def.help);
  const text = `# HELP ${def.name} ${help}\n# TYPE ${def.name} ${type}\n${lines.join("\n")}`;
  // OpenMetrics names a counter family without `_total` and each of its samples with it.
  const base = def.type === "counter" ? def.name.replace(/_total$/, "") : def.name;
  const sampleName = def.type === "counter" ? `${base}_total` : def.name;
  const renamed =
    sampleName === def.name ? lines : lines.map((line) => sampleName + line.slice(def.name.length));
  const openMetrics = `# HELP ${base} ${help}\n# TYPE ${base} ${type}\n${renamed.join("\n")}`;
  return { samples, lines, keys, text, openMetrics };
}
