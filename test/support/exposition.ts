// Reading one series out of a text exposition, as the end-to-end tests check `metrics`
// output: `labels` is the label set exactly as rendered, in the contract's order.

export function sample(exposition: string, name: string, labels: string): number | undefined {
  const line = exposition.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}
