import { describe, expect, test } from "vitest";
import { lineOfPath, syntaxErrorLine } from "../../../src/sources/scanners/json-lines.ts";
import { parseSarif } from "../../../src/sources/scanners/sarif.ts";
import { cvssSeverity } from "../../../src/sources/scanners/severity.ts";
import { artifactOf, parseTrivy } from "../../../src/sources/scanners/trivy.ts";

// Report formats with literal documents: identities, severities and what is not a finding.

const scansOf = (result: ReturnType<typeof parseTrivy>) => {
  if ("issue" in result) throw new Error(result.issue.message);
  return result.scans;
};

describe("Trivy", () => {
  test("an image is one artifact whatever its tag or digest; a registry port is kept", () => {
    expect(artifactOf("ghcr.io/acme/checkout:1.5.1", "container_image")).toBe(
      "ghcr.io/acme/checkout",
    );
    expect(artifactOf("registry:5000/acme/app@sha256:ab12", "container_image")).toBe(
      "registry:5000/acme/app",
    );
    expect(artifactOf("registry:5000/acme/app", "container_image")).toBe("registry:5000/acme/app");
    expect(artifactOf("./services/checkout", "filesystem")).toBe("./services/checkout");
  });

  test("failed misconfigurations and secrets are findings; passed checks are not", () => {
    const [scan] = scansOf(
      parseTrivy({
        SchemaVersion: 2,
        ArtifactName: ".",
        ArtifactType: "filesystem",
        Results: [
          {
            Target: "Dockerfile",
            Class: "config",
            Type: "dockerfile",
            Misconfigurations: [
              {
                ID: "DS002",
                AVDID: "AVD-DS-0002",
                Message: "Specify a USER",
                Severity: "HIGH",
                Status: "FAIL",
              },
              {
                ID: "DS026",
                AVDID: "AVD-DS-0026",
                Message: "Add HEALTHCHECK",
                Severity: "LOW",
                Status: "PASS",
              },
            ],
          },
          {
            Target: "deploy/.env",
            Class: "secret",
            Secrets: [
              { RuleID: "github-pat", Severity: "CRITICAL", StartLine: 2, Match: "GH=****" },
            ],
          },
          { Target: "package-lock.json", Class: "lang-pkgs", Type: "npm", Vulnerabilities: null },
        ],
      }),
    );
    expect(scan?.series).toBe("trivy:filesystem:.");
    expect(scan?.scannedAt).toBeUndefined();
    expect(scan?.findings).toEqual([
      { key: "misconfig|Dockerfile|AVD-DS-0002|Specify a USER", severity: "high" },
      { key: "secret|deploy/.env|github-pat|GH=****", severity: "critical" },
    ]);
  });

  test("the same package and vulnerability twice in a target is one finding, at its highest severity", () => {
    const vuln = (Severity: string) => ({
      VulnerabilityID: "CVE-2021-44228",
      PkgName: "log4j-core",
      Severity,
    });
    const [scan] = scansOf(
      parseTrivy({
        SchemaVersion: 2,
        CreatedAt: "2026-06-01T00:00:00Z",
        ArtifactName: "acme/api:3",
        ArtifactType: "container_image",
        Results: [
          {
            Target: "Java",
            Class: "lang-pkgs",
            Type: "jar",
            Vulnerabilities: [vuln("high"), vuln("CRITICAL")],
          },
        ],
      }),
    );
    expect(scan?.findings).toEqual([
      { key: "vuln|Java|log4j-core|CVE-2021-44228", severity: "critical" },
    ]);
  });
});

describe("SARIF", () => {
  const run = (results: unknown[], extra: Record<string, unknown> = {}) => ({
    tool: {
      driver: { name: "CodeQL", rules: [] },
      extensions: [
        {
          name: "codeql/python-queries",
          rules: [
            { id: "py/sql-injection", properties: { "security-severity": "8.8" } },
            { id: "py/unused-import", defaultConfiguration: { level: "note" } },
          ],
        },
      ],
    },
    results,
    ...extra,
  });
  const at = (uri: string) => [{ physicalLocation: { artifactLocation: { uri } } }];
  const parse = (runs: unknown[]) => {
    const parsed = parseSarif({ version: "2.1.0", runs });
    if ("issue" in parsed) throw new Error(parsed.issue.message);
    return parsed.scans;
  };

  test("rules found in extensions; passes, absent baselines and level none are not findings", () => {
    const sql = {
      ruleId: "py/sql-injection",
      rule: { index: 0, toolComponent: { index: 0 } },
      locations: at("app/db.py"),
    };
    const [scan] = parse([
      run(
        [
          { ...sql, partialFingerprints: { primaryLocationLineHash: "aa:1" } },
          { ...sql, partialFingerprints: { primaryLocationLineHash: "aa:1" } },
          {
            ruleId: "py/unused-import",
            locations: at("app/x.py"),
            message: { text: "Import of os is not used." },
          },
          { ruleId: "py/sql-injection", kind: "pass", locations: at("app/y.py") },
          { ruleId: "py/sql-injection", baselineState: "absent", locations: at("app/z.py") },
          { ruleId: "py/sql-injection", level: "none", locations: at("app/w.py") },
        ],
        { automationDetails: { id: "/language:python/nightly" } },
      ),
    ]);
    expect(scan?.series).toBe("sarif:CodeQL:/language:python");
    expect(scan?.findings.map((f) => [f.key, f.severity])).toEqual([
      ["py/sql-injection|app/db.py|line=aa:1", "high"],
      ["py/sql-injection|app/db.py|line=aa:1~2", "high"],
      ["py/unused-import|app/x.py|message=Import of os is not used.", "low"],
    ]);
  });

  test("runs of one analysis are one scan, at the latest run time; accepted suppressions dismiss", () => {
    const result = (uri: string, suppressions?: unknown[]) => ({
      ruleId: "py/sql-injection",
      locations: at(uri),
      fingerprints: { "matchBasedId/v1": uri },
      ...(suppressions && { suppressions }),
    });
    const [scan, ...others] = parse([
      run([result("a.py", [{ kind: "inSource", justification: "tested" }])], {
        invocations: [{ startTimeUtc: "2026-06-01T10:00:00Z", endTimeUtc: "2026-06-01T10:05:00Z" }],
      }),
      run([result("b.py", [{ kind: "external", status: "underReview" }])], {
        invocations: [{ startTimeUtc: "2026-06-01T10:07:00Z" }],
      }),
    ]);
    expect(others).toEqual([]);
    // Run times: the first's end 10:05, the second's start 10:07 (it has no end).
    expect(scan?.scannedAt).toBe(Date.parse("2026-06-01T10:07:00Z"));
    expect(scan?.findings).toEqual([
      { key: "py/sql-injection|a.py|matchBasedId/v1=a.py", severity: "high", suppressed: "tested" },
      { key: "py/sql-injection|b.py|matchBasedId/v1=b.py", severity: "high" },
    ]);
  });

  test("security-severity bands as GitHub reads them, 9.0 counted critical", () => {
    expect(["9.8", 9, "8.95", 7, "6.9", 4, "3.9", "0.1"].map(cvssSeverity)).toEqual([
      "critical",
      "critical",
      "high",
      "high",
      "medium",
      "medium",
      "low",
      "low",
    ]);
    expect([0, "0.0", 10.5, "high", "", undefined].map(cvssSeverity)).toEqual(
      Array(6).fill(undefined),
    );
  });

  test("another SARIF version is refused by field", () => {
    expect(parseSarif({ version: "2.0.0", runs: [] })).toMatchObject({
      issue: { path: ["version"], message: expect.stringMatching(/SARIF 2.1.0/) },
    });
  });
});

test("JSON lines: of a syntax error, and of a value or a missing member", () => {
  expect(syntaxErrorLine('{\n  "a": [1,\n  2,,\n  3]\n}')).toBe(3);
  expect(syntaxErrorLine('{"a": "b"}')).toBeUndefined();
  expect(syntaxErrorLine('{"a": "unterminated')).toBe(1);
  const text = '{\n  "runs": [\n    {"x": 1},\n    {\n      "y": "[not, a, path]"\n    }\n  ]\n}';
  expect(lineOfPath(text, ["runs", 1, "y"])).toBe(5);
  expect(lineOfPath(text, ["runs", 1, "missing"])).toBe(4);
  expect(lineOfPath(text, [])).toBe(1);
});
