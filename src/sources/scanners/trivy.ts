import { z } from "zod";
import type { ScanFinding } from "../../store/scan-history.ts";
import { firstIssue, mergeByKey, PARSE_OPTIONS, type ReportParser } from "./report.ts";
import { TRIVY_SEVERITIES, trivySeverity } from "./severity.ts";

// Trivy JSON (`trivy image|fs|repo --format json`, SchemaVersion 2): vulnerabilities,
// failed misconfigurations and secrets of every result, as findings of one scan of the
// artifact. Only the fields used are validated; Trivy's many others are ignored.

const text = z.string().min(1, "must not be empty");
const severity = z
  .string()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(TRIVY_SEVERITIES, { error: `expected one of ${TRIVY_SEVERITIES.join(", ")}` }));
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();

const vulnerability = z.object({
  VulnerabilityID: text,
  PkgName: text,
  Severity: severity,
  PrimaryURL: z.string().nullish(),
});
const misconfiguration = z.object({
  ID: text,
  AVDID: z.string().nullish(),
  Message: z.string().nullish(),
  Severity: severity,
  Status: z.string().nullish(),
  PrimaryURL: z.string().nullish(),
});
const secret = z.object({
  RuleID: text,
  Match: z.string().nullish(),
  StartLine: z.number().nullish(),
  Severity: severity,
});
const result = z.object({
  Target: text,
  Class: z.string().nullish(),
  Type: z.string().nullish(),
  Vulnerabilities: list(vulnerability),
  Misconfigurations: list(misconfiguration),
  Secrets: list(secret),
});

const report = z.object({
  SchemaVersion: z.literal(2, {
    error: "expected 2: this importer reads Trivy JSON schema version 2 (Trivy 0.20 and later)",
  }),
  CreatedAt: z.iso
    .datetime({ offset: true, error: "expected an ISO-8601 time with offset" })
    .nullish(),
  ArtifactName: text,
  ArtifactType: z.string().nullish(),
  Results: list(result),
});

type Result = z.output<typeof result>;

/** An image is the same artifact from tag to tag: its name without tag or digest. */
export function artifactOf(name: string, type: string | null | undefined): string {
  if (type !== "container_image") return name;
  const undigested = name.replace(/@[^/]*$/, "");
  const slash = undigested.lastIndexOf("/");
  const colon = undigested.indexOf(":", slash + 1);
  return colon === -1 ? undigested : undigested.slice(0, colon);
}

/**
 * An OS package result's Target names the image with its tag and OS release
 * ("acme/checkout:1.4 (alpine 3.19.1)"), both of which change while a vulnerable package
 * stays; the OS family keeps it the same finding. Other targets are stable paths.
 */
function targetOf(r: Result): string {
  return r.Class === "os-pkgs" ? `os-pkgs:${r.Type ?? "os"}` : r.Target;
}

function* findingsOf(r: Result): Generator<ScanFinding> {
  const target = targetOf(r);
  for (const v of r.Vulnerabilities ?? [])
    yield {
      key: `vuln|${target}|${v.PkgName}|${v.VulnerabilityID}`,
      severity: trivySeverity(v.Severity),
      ...(v.PrimaryURL && { url: v.PrimaryURL }),
    };
  for (const m of r.Misconfigurations ?? [])
    if ((m.Status ?? "FAIL").toUpperCase() === "FAIL")
      yield {
        key: `misconfig|${target}|${m.AVDID || m.ID}|${m.Message ?? ""}`,
        severity: trivySeverity(m.Severity),
        ...(m.PrimaryURL && { url: m.PrimaryURL }),
      };
  for (const s of r.Secrets ?? [])
    yield {
      key: `secret|${target}|${s.RuleID}|${s.Match ?? s.StartLine ?? ""}`,
      severity: trivySeverity(s.Severity),
    };
}

export const parseTrivy: ReportParser = (document) => {
  if (Array.isArray(document))
    return {
      issue: {
        path: [],
        message:
          "a bare array is the output of Trivy before 0.20; export with a current Trivy (SchemaVersion 2)",
      },
    };
  const parsed = report.safeParse(document, PARSE_OPTIONS);
  if (!parsed.success) return { issue: firstIssue(parsed.error) };
  const r = parsed.data;
  const artifact = artifactOf(r.ArtifactName, r.ArtifactType);
  return {
    scans: [
      {
        series: `trivy:${r.ArtifactType ?? "artifact"}:${artifact}`,
        scanner: "trivy",
        ...(r.CreatedAt && { scannedAt: Date.parse(r.CreatedAt) }),
        findings: mergeByKey((r.Results ?? []).flatMap((result) => [...findingsOf(result)])),
      },
    ],
  };
};
