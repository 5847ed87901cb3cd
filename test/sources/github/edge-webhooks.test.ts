import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, type FakeOrg, startFakeGitHub } from "../../support/fake-github/index.ts";
import { eventually, type ServeProcess, startServe } from "../../support/serve.ts";
import { signedDelivery, webhookExample } from "../../support/webhook-fixtures.ts";
import { EDGE_CONFIG, edgeOrg, L1_SHA, LEDGER, rerunOldDeploy, SHOP } from "./edge-org.ts";
import { sha } from "./independent-fixture.ts";
import { parseExposition, seriesValue } from "./independent-setup.ts";

// The two edge cases arriving as signed webhooks to a running `serve` (edge-org.ts has the
// timeline). The re-run's workflow_run event adds a deployment of its own (R, a rollback
// of D2 by commit: 3 deployments, change failure 1/3), and the poll it nudges stores the
// same id, never a fourth. Ledger's statuses are not on the fake: they arrive as `status`
// events, green 06-01 09:30 then red 06-03 12:00, so required_checks passes L1 (live
// 06-02 10:20) and fails L2 (06-04 10:20): 1/2.

const SECRET = "edge-secret";
const TOKEN = "edge-token";
let org: FakeOrg;
let fake: FakeGitHub;
let dir: string;
let serve: ServeProcess;

beforeAll(async () => {
  org = edgeOrg({ statuses: false });
  fake = await startFakeGitHub({ org, token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), "kpi-github-edge-webhooks-"));
  await writeFile(join(dir, "config.yaml"), EDGE_CONFIG(fake.url));
  const args = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  serve = await startServe([...args, "--as-of", "2026-06-30T00:00:00Z"], {
    GITHUB_TOKEN: TOKEN,
    GITHUB_WEBHOOK_SECRET: SECRET,
  });
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const SHOP_SCOPE = { team: "store", service: "shop" };
const LEDGER_30D = { team: "finance", service: "ledger", window: "30d" };
const polls = () => serve.log().match(/collector run finished.*collector=github/g)?.length ?? 0;

async function kpi(name: string, labels: Record<string, string>) {
  const text = await (await fetch(`${serve.base}/metrics`)).text();
  return seriesValue(parseExposition(text), name, labels);
}
const shopDeployments = () =>
  kpi("dora_deployments_total", { ...SHOP_SCOPE, environment: "production" });

async function post(event: string, payload: unknown) {
  const res = await fetch(`${serve.base}/webhooks/github`, {
    method: "POST",
    ...signedDelivery(SECRET, event, payload),
  });
  const answer = await res.json();
  // 200 when stored, 202 when ignored or left to the poll: the body says which.
  expect(res.status, JSON.stringify(answer)).toBe(answer.status === "stored" ? 200 : 202);
  return answer;
}

function rerunEvent() {
  const payload = webhookExample("workflow_run", "completed");
  Object.assign(payload.repository as object, { full_name: SHOP, name: "shop" });
  Object.assign(payload.workflow_run as object, {
    id: 701,
    name: "Deploy",
    path: ".github/workflows/deploy.yml",
    head_branch: "main",
    head_sha: sha("shop/s1"),
    status: "completed",
    conclusion: "success",
    run_attempt: 2,
    created_at: "2026-06-01T10:00:00Z",
    run_started_at: "2026-06-10T10:10:00Z",
    updated_at: "2026-06-10T10:30:00Z",
    html_url: `https://github.com/${SHOP}/actions/runs/701`,
  });
  return payload;
}

function statusEvent(state: string, at: string) {
  return {
    id: Date.parse(at),
    sha: L1_SHA,
    name: LEDGER,
    target_url: `https://ci.example/ledger/${state}`,
    context: "ci/build",
    description: null,
    state,
    created_at: at,
    updated_at: at,
    repository: { full_name: LEDGER, name: "ledger", default_branch: "main" },
    sender: { login: "ci-bot" },
  };
}

describe("edge cases through webhooks to serve", () => {
  it("a re-run's workflow_run adds a rollback deployment and the poll keeps its id", async () => {
    await eventually(async () => (await shopDeployments()) === 2);
    const polled = polls();
    // GitHub has the re-run by the time it sends the event, so the nudged poll sees it too.
    rerunOldDeploy(org);
    expect(await post("workflow_run", rerunEvent())).toMatchObject({ status: "stored" });
    expect(await shopDeployments()).toBe(3);
    const w30 = { ...SHOP_SCOPE, window: "30d" };
    expect(await kpi("dora_change_failure_ratio", w30)).toBeCloseTo(1 / 3, 9);
    await eventually(async () => polls() > polled, 30_000);
    expect(await shopDeployments()).toBe(3);
    expect(await kpi("dora_change_failure_ratio", w30)).toBeCloseTo(1 / 3, 9);
    expect(await kpi("dora_changes_deployed", w30)).toBe(2);
    // A redelivery finds the poll's fuller record and stores nothing.
    expect(await post("workflow_run", rerunEvent())).toMatchObject({ status: "reconciling" });
    expect(await shopDeployments()).toBe(3);
  }, 60_000);

  it("each commit status event is kept, so the state at go-live decides", async () => {
    const control = { ...LEDGER_30D, control: "required_checks" };
    await eventually(async () => (await kpi("kpi_compliance_control_pass_ratio", control)) === 0);
    expect(await post("status", statusEvent("success", "2026-06-01T09:30:00Z"))).toMatchObject({
      status: "stored",
    });
    expect(await kpi("kpi_compliance_control_pass_ratio", control)).toBe(1);
    expect(await post("status", statusEvent("pending", "2026-06-03T11:50:00Z"))).toMatchObject({
      status: "ignored",
    });
    expect(await post("status", statusEvent("failure", "2026-06-03T12:00:00Z"))).toMatchObject({
      status: "stored",
    });
    expect(await kpi("kpi_compliance_control_pass_ratio", control)).toBe(0.5);
  }, 60_000);
});
