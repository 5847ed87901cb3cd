import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { DEMO_TEAMS } from "../../src/demo/catalogue.ts";
import { parseConfigText } from "../../src/sources/config-file.ts";

// examples/demo.yaml is both the demo's config and the file users copy: it must load,
// and its catalogue must be the one the demo generator produces data for.

const DEMO_YAML = new URL("../../examples/demo.yaml", import.meta.url);

async function loadDemoConfig() {
  return parseConfigText(await readFile(DEMO_YAML, "utf8"), "examples/demo.yaml");
}

describe("examples/demo.yaml", () => {
  it("is a valid kpi-exporter/v1 config with the contract's settings", async () => {
    const config = await loadDemoConfig();
    expect(config.version).toBe("kpi-exporter/v1");
    expect(config.currency).toBe("EUR");
    expect(config.currency_rates).toEqual({ USD: 0.92 });
    expect(config.windows).toEqual(["7d", "30d", "90d"]);
    expect(config.compliance.controls).toEqual({
      required_checks: ["sast", "/^trivy/"],
      change_approval: 1,
      deployment_approval: true,
      linked_ticket: "^[A-Z]+-[0-9]+$",
    });
  });

  it("has the generator's catalogue: teams, services, repositories and cost selectors", async () => {
    const config = await loadDemoConfig();
    const fromYaml = config.teams.map((team) => ({
      team: team.name,
      services: team.services.map((s) => ({
        name: s.name,
        repositories: s.repositories,
        tags: s.cost_selectors?.tags,
        subAccounts: s.cost_selectors?.sub_accounts,
      })),
    }));
    const fromGenerator = DEMO_TEAMS.map((team) => ({
      team: team.name,
      services: team.services.map((s) => ({
        name: s.name,
        repositories: [s.repository],
        tags: { app: s.costTag },
        subAccounts: s.cloudAccount === undefined ? undefined : [s.cloudAccount],
      })),
    }));
    expect(fromYaml).toEqual(fromGenerator);
    expect(fromYaml.flatMap((t) => t.services)).toHaveLength(12);
  });

  it("lets platform disable deployment approval while the others keep every control", async () => {
    const engine = toEngineConfig(await loadDemoConfig());
    expect(engine.teamControls.get("platform")?.deploymentApproval).toBe(false);
    for (const team of ["payments", "lending", "mobile"]) {
      const controls = engine.teamControls.get(team);
      expect(controls?.deploymentApproval, team).toBe(true);
      expect(controls?.changeApproval, team).toBe(1);
      expect(
        controls?.requiredChecks.map((m) => m.spec),
        team,
      ).toEqual(["sast", "/^trivy/"]);
      expect(controls?.linkedTicket?.source, team).toBe("^[A-Z]+-[0-9]+$");
    }
    expect(engine.teamControls.get("platform")?.requiredChecks).toHaveLength(2);
  });
});
