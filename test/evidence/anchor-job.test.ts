import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../src/evidence/checkpoint.ts";
import { SelfMetrics } from "../../src/http/self-metrics.ts";
import { silentLogger } from "../../src/logger.ts";
import { staleClauses } from "../../src/rules/stale-collectors.ts";
import { parseConfig } from "../../src/sources/config-file.ts";
import { configuredCollectors } from "../../src/sources/index.ts";
import { ANCHOR_JOB } from "../../src/sources/jobs/evidence-anchor.ts";
import { runCollector } from "../../src/sources/run-collector.ts";
import { openStore } from "../../src/store/open.ts";

// evidence_anchor in the config: the checkpoint is signed on a schedule by the process
// that runs the collectors, with a collector's self-metrics and staleness alert.

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const keys = generateKeyPairSync("ed25519");

async function configWith(anchor: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), "kpi-anchor-job-"));
  dirs.push(dir);
  const keyFile = join(dir, "anchor.pem");
  await writeFile(keyFile, keys.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  const witness = join(dir, "witness");
  const config = parseConfig({
    version: "kpi-exporter/v1",
    evidence_anchor: { key_file: keyFile, witness, ...anchor },
  });
  return { config, witness };
}

describe("the scheduled evidence anchor", () => {
  it("signs the head into the witness when it runs, as a collector", async () => {
    const { config, witness } = await configWith({ interval: "6h" });
    const [job] = configuredCollectors(config, {});
    expect(job?.name).toBe(ANCHOR_JOB);
    expect(job?.intervalMs).toBe(6 * 3_600_000);
    const store = await openStore({});
    const self = new SelfMetrics();
    const outcome = await runCollector(job as never, {
      store,
      self,
      logger: silentLogger,
      now: () => 1_800_000_000_000,
    });
    await store.close();
    expect(outcome.ok, outcome.error).toBe(true);
    const [file] = await readdir(witness);
    expect(file).toMatch(/^checkpoint-000000000000-\d{8}T\d{6}Z\.json$/);
    const checkpoint = readCheckpoint(
      await readFile(join(witness, file as string), "utf8"),
      keys.publicKey,
    );
    expect(checkpoint).toMatchObject({ seq: 0, hash: null });
    // Signed at the wall clock, whatever instant the KPIs are evaluated at (now() here).
    const signedAt = Date.parse((checkpoint as { signedAt: string }).signedAt);
    expect(Math.abs(Date.now() - signedAt)).toBeLessThan(60_000);
  });

  it("stops the start naming a key file that is missing", async () => {
    const { config } = await configWith({ key_file: "/nonexistent/anchor.pem" });
    expect(() => configuredCollectors(config, {})).toThrow(/^evidence_anchor\.key_file: ENOENT/);
  });

  it("gets its own staleness threshold when it runs less often than the general one allows", async () => {
    const { config } = await configWith({ interval: "6h" });
    const clauses = staleClauses(config);
    expect(JSON.stringify(clauses)).toContain(ANCHOR_JOB);
  });
});
