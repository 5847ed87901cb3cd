import type { EpochMs } from "../../domain/records.ts";
import type { ScanFinding } from "../../store/scan-history.ts";
import { firstIssue, PARSE_OPTIONS, type ReportParser, type ReportScan } from "./report.ts";
import { type SarifResult, type SarifRule, type SarifRun, sarifLog } from "./sarif-schema.ts";
import { cvssSeverity, levelSeverity } from "./severity.ts";

// SARIF 2.1.0: each run is one scan of one analysis, named like GitHub names it (tool and
// runAutomationDetails category); runs of the same analysis in one file are one scan.

const NOT_FINDINGS = new Set(["pass", "notApplicable", "informational"]);

/** GitHub: the category is everything before the last "/" of automationDetails.id. */
function seriesOf(run: SarifRun): string {
  const id = run.automationDetails?.id ?? "";
  const slash = id.lastIndexOf("/");
  const category = slash === -1 ? "" : id.slice(0, slash);
  return `sarif:${run.tool.driver.name}${category ? `:${category}` : ""}`;
}

/** The latest end time of the run's invocations, else the latest start time. */
function timeOf(run: SarifRun): EpochMs | undefined {
  const latest = (times: (string | null | undefined)[]) => {
    const ms = times.flatMap((t) => (t ? [Date.parse(t)] : []));
    return ms.length ? Math.max(...ms) : undefined;
  };
  const invocations = run.invocations ?? [];
  return (
    latest(invocations.map((i) => i.endTimeUtc)) ?? latest(invocations.map((i) => i.startTimeUtc))
  );
}

function ruleOf(run: SarifRun, r: SarifResult): SarifRule | undefined {
  const extensions = run.tool.extensions ?? [];
  const component = r.rule?.toolComponent?.index;
  const rules = (component == null ? run.tool.driver : extensions[component])?.rules ?? [];
  const id = r.ruleId ?? r.rule?.id;
  const byIndex = rules[r.rule?.index ?? r.ruleIndex ?? -1];
  if (byIndex && (id == null || byIndex.id === id)) return byIndex;
  for (const c of [run.tool.driver, ...extensions]) {
    const found = c.rules?.find((rule) => rule.id === id);
    if (found) return found;
  }
  return undefined;
}

/** The tool's own identity, else GitHub's line hash, else the message, all within rule and file. */
function fingerprintOf(r: SarifResult): string {
  const entries = (o: Record<string, string>) =>
    Object.entries(o)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
  if (r.fingerprints && Object.keys(r.fingerprints).length) return entries(r.fingerprints);
  const partial = r.partialFingerprints ?? {};
  if (partial.primaryLocationLineHash) return `line=${partial.primaryLocationLineHash}`;
  if (Object.keys(partial).length) return entries(partial);
  return `message=${r.message?.text ?? ""}`;
}

function findingOf(run: SarifRun, r: SarifResult): ScanFinding | "skip" | undefined {
  if (NOT_FINDINGS.has(r.kind ?? "fail") || r.baselineState === "absent") return "skip";
  const rule = ruleOf(run, r);
  const level = r.level ?? rule?.defaultConfiguration?.level ?? "warning";
  if (level === "none") return "skip";
  const ruleId = r.ruleId ?? r.rule?.id ?? rule?.id;
  if (!ruleId) return undefined;
  const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
  const suppression = r.suppressions?.find((s) => !s.status || s.status === "accepted");
  return {
    key: `${ruleId}|${uri}|${fingerprintOf(r)}`,
    severity:
      cvssSeverity(rule?.properties?.["security-severity"]) ?? levelSeverity(level) ?? "low",
    ...(rule?.helpUri && { url: rule.helpUri }),
    ...(suppression && {
      suppressed: suppression.justification || suppression.kind || "suppressed",
    }),
  };
}

export const parseSarif: ReportParser = (document) => {
  const parsed = sarifLog.safeParse(document, PARSE_OPTIONS);
  if (!parsed.success) return { issue: firstIssue(parsed.error) };
  type Pending = ReportScan & { seen: Map<string, number> };
  const scans = new Map<string, Pending>();
  for (const [i, run] of parsed.data.runs.entries()) {
    const failed = run.invocations?.findIndex((inv) => inv.executionSuccessful === false) ?? -1;
    if (failed !== -1)
      return {
        issue: {
          path: ["runs", i, "invocations", failed, "executionSuccessful"],
          message: "false: a failed run cannot show findings as fixed",
        },
      };
    const series = seriesOf(run);
    const at = timeOf(run);
    const fresh: Pending = { series, scanner: run.tool.driver.name, findings: [], seen: new Map() };
    const scan = scans.get(series) ?? fresh;
    if (at !== undefined) scan.scannedAt = Math.max(at, scan.scannedAt ?? at);
    for (const [j, result] of run.results.entries()) {
      const finding = findingOf(run, result);
      if (finding === "skip") continue;
      if (!finding)
        return {
          issue: { path: ["runs", i, "results", j, "ruleId"], message: "missing: no rule id" },
        };
      // The same identity twice in one scan is two findings (GitHub numbers its line hashes too).
      const n = (scan.seen.get(finding.key) ?? 0) + 1;
      scan.seen.set(finding.key, n);
      scan.findings.push(n === 1 ? finding : { ...finding, key: `${finding.key}~${n}` });
    }
    scans.set(series, scan);
  }
  return { scans: [...scans.values()].map(({ seen: _, ...scan }) => scan) };
};
