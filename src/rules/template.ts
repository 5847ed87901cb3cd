// Renders the few Prometheus template forms our annotations use, exactly as Prometheus
// does, so generated promtool tests can state the annotations an alert will carry.
// Anything else throws: a new form must be added here before an annotation may use it.

const FORM = /\{\{\s*(\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|\$value(?:\s*\|\s*([a-zA-Z]+))?)\s*\}\}/g;

/** Go's %.4g: four significant digits, trailing zeros dropped, exponent when out of range. */
function goG4(value: number): string {
  if (value === 0) return "0";
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 4) {
    const [mantissa, power] = value.toExponential(3).split("e");
    const digits = String(Math.abs(Number(power))).padStart(2, "0");
    return `${trimZeros(mantissa as string)}e${Number(power) < 0 ? "-" : "+"}${digits}`;
  }
  return trimZeros(value.toFixed(Math.max(0, 3 - exponent)));
}

const trimZeros = (text: string) => (text.includes(".") ? text.replace(/\.?0+$/, "") : text);

export function humanizePercentage(value: number): string {
  return `${goG4(value * 100)}%`;
}

/** Prometheus's humanizeDuration for values of at least one second, or zero. */
export function humanizeDuration(seconds: number): string {
  if (seconds === 0) return "0s";
  if (seconds < 1)
    throw new Error(`humanizeDuration below one second is not supported: ${seconds}`);
  const whole = Math.trunc(seconds);
  const [d, h, m, s] = [
    Math.trunc(whole / 86_400),
    Math.trunc(whole / 3_600) % 24,
    Math.trunc(whole / 60) % 60,
    whole % 60,
  ];
  if (d) return `${d}d ${h}h ${m}m ${s}s`;
  if (h) return `${h}h ${m}m ${s}s`;
  if (m) return `${m}m ${s}s`;
  return `${goG4(seconds)}s`;
}

function formatValue(value: number, fn: string | undefined): string {
  if (fn === undefined) return String(value);
  if (fn === "humanizePercentage") return humanizePercentage(value);
  if (fn === "humanizeDuration") return humanizeDuration(value);
  throw new Error(`template function ${fn} is not supported by the test generator`);
}

export function renderTemplate(
  text: string,
  labels: Record<string, string>,
  value: number,
): string {
  const rendered = text.replace(FORM, (_all, _form, label?: string, fn?: string) => {
    if (label === undefined) return formatValue(value, fn);
    const found = labels[label];
    if (found === undefined)
      throw new Error(`template uses $labels.${label}, absent from ${JSON.stringify(labels)}`);
    return found;
  });
  if (rendered.includes("{{")) throw new Error(`unsupported template form in: ${text}`);
  return rendered;
}
