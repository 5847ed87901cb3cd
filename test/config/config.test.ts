import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { ConfigError, defaultConfig } from "../../src/config/load.ts";
import { readSecret } from "../../src/config/secrets.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// Config validation names every problem by its field path; secrets come only from the
// environment or *_FILE paths.

const issuesOf = (text: string) => {
  try {
    parseConfigText(text, "test.yaml");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
};

describe("config", () => {
  it("fills every contract default into the embedded default", () => {
    const engine = toEngineConfig(defaultConfig());
    expect(engine.currency).toBe("EUR");
    expect(engine.windows.map((w) => w.label)).toEqual(["7d", "30d", "90d"]);
    expect(engine.attributionWindowMs).toBe(24 * 3600_000);
    expect(engine.productionEnvironment.test("PRODUCTION")).toBe(true);
    expect(engine.productionEnvironment.test("production-eu")).toBe(false);
    expect(engine.vulnerabilitySlaMs.low).toBe(180 * 86_400_000);
  });

  it("reports every problem at once, each with its field path", () => {
    const issues = issuesOf(`version: kpi-exporter/v2
currency: euro
windows: [7d, 7d]
attribution_window: soon
teams:
  - name: pay
    services: [{ name: checkout, password: hunter2 }]
compliance:
  controls:
    required_checks: ["/[unclosed/"]
`);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^version: /),
        expect.stringMatching(/^currency: expected an ISO 4217 code/),
        expect.stringMatching(/^attribution_window: expected a duration/),
        expect.stringMatching(
          /^teams\[0\]\.services\[0\]\.password: unknown key; known here: name, /,
        ),
        expect.stringMatching(/^compliance\.controls\.required_checks\[0\]: not a valid \/regex\//),
      ]),
    );
  });

  it("rejects duplicate services and windows with their paths", () => {
    const issues = issuesOf(`version: kpi-exporter/v1
windows: [7d, 7d]
teams:
  - name: a
    services: [{ name: api }]
  - name: b
    services: [{ name: api }]
`);
    expect(issues).toContain("teams[1].services[0].name: service api already belongs to team a");
    expect(issues).toContain("windows: windows must be distinct");
  });

  it("requires path filters on every service of a shared repository", () => {
    const issues = issuesOf(`version: kpi-exporter/v1
teams:
  - name: a
    services:
      - { name: api, repositories: [acme/mono], github: { paths: [services/api/] } }
      - { name: web, repositories: [Acme/Mono] }
      - { name: solo, repositories: [acme/solo] }
`);
    expect(issues).toEqual([
      "teams[0].services[1].github.paths: required: repository Acme/Mono is shared by api, web, so each service lists the path prefixes that are its own",
    ]);
  });

  it("names the line of a YAML syntax error", () => {
    expect(issuesOf("version: kpi-exporter/v1\nteams: [\n")[0]).toMatch(/^line \d+: /);
  });

  it("merges team controls over organisation controls key by key", () => {
    const engine = toEngineConfig(
      parseConfigText(`version: kpi-exporter/v1
compliance:
  controls: { required_checks: [sast], change_approval: 2, deployment_approval: true }
teams:
  - name: platform
    compliance: { controls: { deployment_approval: false } }
    services: [{ name: infra }]
`),
    );
    const platform = engine.teamControls.get("platform");
    expect(platform?.deploymentApproval).toBe(false);
    expect(platform?.changeApproval).toBe(2);
    expect(platform?.requiredChecks.map((m) => m.spec)).toEqual(["sast"]);
    expect(engine.organisationControls.deploymentApproval).toBe(true);
  });
});

describe("secrets", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kpi-secret-"));
    await writeFile(join(dir, "token"), "from-file\n");
    await writeFile(join(dir, "empty"), "\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads the variable, else the file named by NAME_FILE, trimmed", () => {
    expect(
      readSecret("KPI_API_TOKEN", {
        KPI_API_TOKEN: "direct",
        KPI_API_TOKEN_FILE: join(dir, "token"),
      }),
    ).toBe("direct");
    expect(readSecret("KPI_API_TOKEN", { KPI_API_TOKEN_FILE: join(dir, "token") })).toBe(
      "from-file",
    );
    expect(readSecret("KPI_API_TOKEN", {})).toBeUndefined();
  });

  it("fails naming the variable, never the content, for a missing or empty file", () => {
    expect(() => readSecret("KPI_API_TOKEN", { KPI_API_TOKEN_FILE: join(dir, "absent") })).toThrow(
      /KPI_API_TOKEN_FILE .*ENOENT/,
    );
    expect(() => readSecret("KPI_API_TOKEN", { KPI_API_TOKEN_FILE: join(dir, "empty") })).toThrow(
      /KPI_API_TOKEN_FILE .* is empty/,
    );
  });
});

describe("config values that would misbehave at run time", () => {
  it.each([
    [
      "a stateful regex flag",
      'compliance:\n  controls:\n    required_checks: ["/^trivy/g"]\n',
      "compliance.controls.required_checks[0]",
    ],
    ["a zero window", 'windows: ["0"]\n', "windows[0]"],
    ["a zero snapshot interval", 'snapshot_interval: "0"\n', "snapshot_interval"],
    ["a body limit without a valid unit", "server:\n  body_limit: 10m\n", "server.body_limit"],
  ])("rejects %s", (_name, yaml, path) => {
    expect(
      issuesOf(`version: kpi-exporter/v1\n${yaml}`).some((issue) => issue.startsWith(`${path}: `)),
    ).toBe(true);
  });
});
