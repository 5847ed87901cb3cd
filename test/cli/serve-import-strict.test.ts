import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { type ServeProcess, startServe } from "../support/serve.ts";

// POST /api/v1/events over real HTTP to a real `serve`: unknown fields answered in the body
// and counted in kpi_exporter_rejected_records_total{reason="unknown_field"} (decision 139),
// ?strict=true, a JSON array of records, and `import --url --strict` forwarding the flag.

const TOKEN = "strict-token-for-tests";
let dir: string;
let serve: ServeProcess;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kpi-serve-strict-"));
  await writeFile(
    join(dir, "config.yaml"),
    "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
  );
  const args = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  serve = await startServe([...args, "--as-of", "2026-06-04T00:00:00Z"], { KPI_API_TOKEN: TOKEN });
}, 60_000);

afterAll(async () => {
  await serve.stop();
  await rm(dir, { recursive: true, force: true });
});

const line = (id: string, extra: object = {}) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: `${id}abcdef`,
    ...extra,
  });

const post = (body: string, query = "") =>
  fetch(`${serve.base}/api/v1/events${query}`, {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/x-ndjson" },
  });

async function metric(pattern: RegExp): Promise<string | undefined> {
  return pattern.exec(await await fetch(`${serve.base}/metrics`).then((r) => r.text()))?.[1];
}
const unknownFieldCount = () =>
  metric(/kpi_exporter_rejected_records_total\{kind="deployment",reason="unknown_field"\} (\d+)/);
const deployments = () =>
  metric(
    /dora_deployments_total\{team="payments",service="checkout",environment="production"\} (\d+)/,
  );

const warning = (line: number, field: string, near: string) => ({
  source: "request",
  line,
  kind: "deployment",
  code: "unknown_field",
  field,
  message: `unknown field "${field}" (did you mean "${near}"?)`,
});

describe("POST /api/v1/events: import strictness", () => {
  it("stores a line with an unknown field, answers the warning and counts it", async () => {
    const response = await post(`${line("d1")}\n${line("d2", { enviroment: "staging" })}`);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([warning(2, "enviroment", "environment")]);
    expect(await unknownFieldCount()).toBe("1");
    expect(await deployments()).toBe("2");
  });

  it("?strict=true rejects such a line with 422 while the valid line is stored", async () => {
    const response = await post(`${line("d3", { comitSha: "x" })}\n${line("d4")}`, "?strict=true");
    expect(response.status).toBe(422);
    const report = await response.json();
    expect(report.warnings).toEqual([]);
    expect(report.rejected).toEqual([warning(1, "comitSha", "commitSha")]);
    expect(report.error).toBe("1 line(s) rejected; the valid lines were stored");
    expect(await unknownFieldCount()).toBe("2");
    expect(await deployments()).toBe("3");
  });

  it("refuses a strict value other than true or false", async () => {
    const response = await post(line("d5"), "?strict=yes");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "strict: expected true or false" });
    expect(await deployments()).toBe("3");
  });

  it("a JSON array of records is one rejection, counted once", async () => {
    const response = await post(JSON.stringify([JSON.parse(line("d6")), JSON.parse(line("d7"))]));
    expect(response.status).toBe(422);
    expect((await response.json()).rejected).toEqual([
      {
        source: "request",
        line: 1,
        code: "invalid_json",
        message:
          "the body is a JSON array, not NDJSON; nothing in it was imported: send one JSON object per line (jq -c '.[]' FILE converts a file)",
      },
    ]);
    expect(
      await metric(
        /kpi_exporter_rejected_records_total\{kind="unknown",reason="invalid_json"\} (\d+)/,
      ),
    ).toBe("1");
    expect(await deployments()).toBe("3");
  });

  it("import --url --strict forwards the flag; a JSON array file is named by the CLI", async () => {
    const file = join(dir, "typo.ndjson");
    await writeFile(file, `${line("d8", { stauts: "failure" })}\n${line("d9")}\n`);
    const env = { KPI_API_TOKEN: TOKEN };
    const strict = await runCli(["import", "--url", serve.base, "--strict", file], { env });
    expect(strict.code).toBe(2);
    expect(strict.stderr.replace(/^time=.*\n/gm, "")).toBe(
      `${file}:1: deployment unknown field "stauts" (did you mean "status"?) [unknown_field]\n`,
    );
    expect(await unknownFieldCount()).toBe("3");
    expect(await deployments()).toBe("4");

    const array = join(dir, "list.json");
    await writeFile(array, JSON.stringify([JSON.parse(line("d10"))], null, 2));
    const refused = await runCli(["import", "--url", serve.base, array], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr.replace(/^time=.*\n/gm, "")).toBe(
      `${array}:1: ${array} is a JSON array, not NDJSON; nothing in it was imported: put one JSON object per line: jq -c '.[]' ${array} > ${join(dir, "list.ndjson")} [invalid_json]\n`,
    );
    expect(await deployments()).toBe("4");
  });
});
