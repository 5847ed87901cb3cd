import { parser } from "@prometheus-io/lezer-promql";

// PromQL checks shared by the dashboard and rule tests, with Prometheus' own grammar
// (the parser behind its web UI). A syntax error shows as an error node (⚠) in the tree.

type SyntaxNode = NonNullable<ReturnType<ReturnType<typeof parser.parse>["topNode"]["getChild"]>>;

export interface ParseResult {
  ok: boolean;
  error?: string;
}

export function parsePromQL(expr: string): ParseResult {
  if (!expr.trim()) return { ok: false, error: "empty expression" };
  let error: string | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (error !== undefined || !node.type.isError) return error === undefined;
      const near = expr.slice(Math.max(0, node.from - 10), node.to + 10);
      error = `syntax error at offset ${node.from}, near ${JSON.stringify(near)}`;
      return false;
    },
  });
  return error === undefined ? { ok: true } : { ok: false, error };
}

function stringValue(literal: string): string {
  return literal.startsWith("`") ? literal.slice(1, -1) : (JSON.parse(literal) as string);
}

/** `{__name__="x"}` names a metric as well as `x{}` does. */
function nameMatcher(node: SyntaxNode, expr: string): string | undefined {
  const label = node.getChild("LabelName");
  const op = node.getChild("MatchOp")?.firstChild;
  const value = node.getChild("StringLiteral");
  if (!label || !value || op?.name !== "EqlSingle") return undefined;
  if (expr.slice(label.from, label.to) !== "__name__") return undefined;
  return stringValue(expr.slice(value.from, value.to));
}

/** Every metric name the expression selects, sorted and without duplicates. */
export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  parser.parse(expr).iterate({
    enter: (ref) => {
      if (ref.name === "VectorSelector") {
        const identifier = ref.node.getChild("Identifier");
        if (identifier) names.add(expr.slice(identifier.from, identifier.to));
      }
      if (ref.name === "UnquotedLabelMatcher") {
        const name = nameMatcher(ref.node, expr);
        if (name) names.add(name);
      }
    },
  });
  return [...names].sort();
}

/**
 * Grafana's variables replaced by sample values as Grafana would send them: `All` of a
 * multi-value variable becomes its allValue `.*`, range variables become durations.
 */
export const SAMPLE_VARIABLES: Record<string, string> = {
  window: "30d",
  team: ".*",
  service: ".*",
  __rate_interval: "5m",
  __interval: "1m",
  __range: "30d",
};

export function substituteVariables(
  expr: string,
  values: Record<string, string> = SAMPLE_VARIABLES,
): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? "";
    return values[name] ?? whole;
  });
}
