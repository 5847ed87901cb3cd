import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliResult, runCli } from "../../support/cli.ts";
import { type FakeGitHub, startFakeGitHub } from "../../support/fake-github/index.ts";
import type { Labels } from "./independent-expect.ts";
import { independentOrg } from "./independent-org.ts";

// The independent organisation behind a GitHub Enterprise Server style base URL
// (…/api/v3, GraphQL at /api/graphql), reachable only as a GitHub App installation: the
// fake's static token is random and never given to the exporter.

export const AS_OF = "2026-07-01T00:00:00Z";
export const APP = { appId: 90210, installationId: 4711 };

const config = (baseUrl: string) => `version: kpi-exporter/v1
currency: EUR
currency_rates: { USD: 0.8 }
sources:
  github:
    base_url: "${baseUrl}"
    history_days: 90
    organisation: acme
    secret_scanning_severity: high
    ci_controls:
      required_checks: [ci, "/^test/"]
      linked_ticket: [ticket-check]
compliance:
  controls:
    change_approval: 1
    deployment_approval: true
    linked_ticket: "^[A-Z]+-[0-9]+$"
teams:
  - name: platform
    compliance: { controls: { deployment_approval: false } }
    services:
      - name: api
        repositories: [acme/mono]
        github: { paths: [services/api/], workflows: [Deploy API], environments: false }
      - name: web
        repositories: [acme/mono]
        github: { paths: [services/web/], workflows: [deploy-web.yml], environments: false }
  - name: money
    services:
      - name: billing
        repositories: [acme/billing]
        github: { workflows: [Deploy], environments: false }
`;

export interface Independent {
  fake: FakeGitHub;
  cli(args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

export async function startIndependent(): Promise<Independent> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const fake = await startFakeGitHub({
    org: independentOrg(),
    token: randomBytes(16).toString("hex"),
    pathPrefix: "/api/v3",
    app: { ...APP, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString() },
  });
  const dir = await mkdtemp(join(tmpdir(), "kpi-github-independent-"));
  const keyFile = join(dir, "app.pem");
  // PKCS#1, the format GitHub hands out for App private keys.
  await writeFile(keyFile, privateKey.export({ type: "pkcs1", format: "pem" }));
  await writeFile(join(dir, "config.yaml"), config(fake.url));
  const env = {
    GITHUB_APP_ID: String(APP.appId),
    GITHUB_APP_PRIVATE_KEY_FILE: keyFile,
    GITHUB_APP_INSTALLATION_ID: String(APP.installationId),
  };
  const common = ["--config", join(dir, "config.yaml"), "--data-dir", join(dir, "store")];
  return {
    fake,
    cli: (args) => runCli([...args, ...common, "--as-of", AS_OF], { env }),
    close: async () => {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

export function parseExposition(text: string): Sample[] {
  return text.split("\n").flatMap((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) return [];
    const labels: Labels = {};
    for (const [, key, value] of (m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g))
      labels[key as string] = value as string;
    return [{ name: m[1] as string, labels, value: Number(m[3]) }];
  });
}

/** The value of the series with exactly these labels, if it exists. */
export function seriesValue(samples: Sample[], name: string, labels: Labels): number | undefined {
  const wanted = Object.entries(labels);
  const hit = samples.find(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === wanted.length &&
      wanted.every(([k, v]) => s.labels[k] === v),
  );
  return hit?.value;
}
