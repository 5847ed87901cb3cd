import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../support/fake-github/index.ts";
import { eventually, type ServeProcess, startServe } from "../../support/serve.ts";
import { signedDelivery, webhookExample } from "../../support/webhook-fixtures.ts";
import { C, e2eOrg } from "./e2e-org.ts";

// What a user runs: `serve` polls a (fake) GitHub on its schedule, and a signed webhook
// moves the KPIs before GitHub has its answer. e2e-org.ts has four production deployments.

const SECRET = "webhook-secret";
let fake: FakeGitHub;
let dir: string;
let serve: ServeProcess;

beforeAll(async () => {
  fake = await startFakeGitHub({ org: e2eOrg(), token: "serve-token" });
  dir = await mkdtemp(join(tmpdir(), "kpi-serve-github-"));
  await writeFile(
    join(dir, "config.yaml"),
    `version: kpi-exporter/v1
sources:
  github: { base_url: "${fake.url}", history_days: 90 }
teams:
  - name: payments
    services: [{ name: checkout, repositories: [acme/checkout] }]
`,
  );
  const args = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  serve = await startServe([...args, "--as-of", "2026-06-30T00:00:00Z"], {
    GITHUB_TOKEN: "serve-token",
    GITHUB_WEBHOOK_SECRET: SECRET,
  });
}, 60_000);
afterAll(async () => {
  await serve?.stop();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

const PRODUCTION =
  'dora_deployments_total{team="payments",service="checkout",environment="production"}';
async function productionDeployments(): Promise<number | undefined> {
  const text = await (await fetch(`${serve.base}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(PRODUCTION));
  return line === undefined ? undefined : Number(line.slice(PRODUCTION.length));
}

function deploymentStatus(id: number) {
  const payload = webhookExample("deployment_status", "created");
  Object.assign(payload.repository as object, { full_name: "acme/checkout", name: "checkout" });
  Object.assign(payload.deployment as object, {
    id,
    sha: C.c4,
    environment: "production",
    created_at: "2026-06-10T10:00:00Z",
  });
  Object.assign(payload.deployment_status as object, {
    state: "success",
    created_at: "2026-06-10T10:05:00Z",
  });
  return payload;
}

const post = (delivery: { body: string; headers: Record<string, string> }) =>
  fetch(`${serve.base}/webhooks/github`, { method: "POST", ...delivery });

describe("serve with GitHub polling and webhooks", () => {
  it("polls GitHub on start and serves what it read", async () => {
    await eventually(async () => (await productionDeployments()) === 4);
    expect(serve.log()).toMatch(/collector run finished.*collector=github/);
  });

  it("a signed deployment webhook shows in /metrics as soon as it is answered", async () => {
    const res = await post(signedDelivery(SECRET, "deployment_status", deploymentStatus(106)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "stored", records: 1 });
    expect(await productionDeployments()).toBe(5);
  });

  it("a delivery with a wrong signature is refused and changes nothing", async () => {
    const res = await post(signedDelivery("guessed", "deployment_status", deploymentStatus(107)));
    expect(res.status).toBe(401);
    expect(await productionDeployments()).toBe(5);
  });

  it("the nudged poll reconciles without losing the webhook's deployment", async () => {
    const runs = () => serve.log().match(/collector run finished.*collector=github/g)?.length ?? 0;
    await eventually(async () => runs() >= 2, 30_000);
    expect(await productionDeployments()).toBe(5);
  }, 40_000);
});
