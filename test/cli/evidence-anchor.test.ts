import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/store/pglite-connection.ts";
import { runCli } from "../support/cli.ts";
import { databaseUrlInSchema, schemaPerStore } from "../support/pg-schemas.ts";
import { AS_OF, writeFixture } from "./explain-fixture.ts";

// A database owner's rewrites that the hash chain alone cannot see (decision 155), done
// with the ledger's triggers disabled as only such an owner can, on each backend: the tail
// cut and the head moved back, the ledger wiped, the tail re-sealed by a later append.
// Each is named by `evidence verify` against the checkpoint `evidence anchor` signed into
// a witness directory the database never sees; so are an altered checkpoint and a
// duplicate row beside the primary key.

const databaseUrl = process.env.TEST_DATABASE_URL;
const nextSchema = schemaPerStore(databaseUrl, "kpi_anchor");
const BACKENDS = ["pglite", ...(databaseUrl ? ["postgres"] : [])];
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const keys = generateKeyPairSync("ed25519");

/** A store with the fixture imported (ledger records 1–4) and one checkpoint of its head. */
async function anchoredStore(backend: string) {
  const dir = await mkdtemp(join(tmpdir(), "kpi-anchor-"));
  dirs.push(dir);
  const { config, events } = await writeFixture(dir);
  const key = join(dir, "anchor.pem");
  const publicKey = join(dir, "anchor.pub");
  await writeFile(key, keys.privateKey.export({ type: "pkcs8", format: "pem" }) as string);
  await writeFile(publicKey, keys.publicKey.export({ type: "spki", format: "pem" }) as string);
  const env: Record<string, string> = {};
  let sql: (text: string) => Promise<void>;
  const common = ["--config", config, "--as-of", AS_OF];
  if (backend === "postgres" && databaseUrl) {
    env.DATABASE_URL = await databaseUrlInSchema(databaseUrl, nextSchema());
    sql = async (text) => {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      await client.query(text).finally(() => client.end());
    };
  } else {
    common.push("--data-dir", join(dir, "store"));
    sql = async (text) => {
      const db = await openPglite(join(dir, "store"));
      await db.exec(text).finally(() => db.close());
    };
  }
  const run = (args: string[]) => runCli([...args, ...common], { env });
  expect((await run(["import", events])).code).toBe(0);
  const witness = join(dir, "witness");
  const anchored = await run(["evidence", "anchor", "--key", key, "--witness", witness]);
  expect(anchored.code, anchored.stderr).toBe(0);
  expect(anchored.stdout).toMatch(/^checkpoint of record 4 sha256 [0-9a-f]{64} signed by key /);
  const verify = () => run(["evidence", "verify", "--witness", witness, "--public-key", publicKey]);
  return { run, sql, verify, witness, events };
}

/** Moves the head back to record `seq`, as a database owner can with triggers off. */
const headBackTo = (seq: number) => `
  ALTER TABLE evidence_records DISABLE TRIGGER USER;
  ALTER TABLE evidence_head DISABLE TRIGGER USER;
  DELETE FROM evidence_records WHERE seq > ${seq};
  UPDATE evidence_head SET seq = ${seq},
    deployment_id = (SELECT deployment_id FROM evidence_records WHERE seq = ${seq}),
    hash = (SELECT hash FROM evidence_records WHERE seq = ${seq});
  ALTER TABLE evidence_records ENABLE TRIGGER USER;
  ALTER TABLE evidence_head ENABLE TRIGGER USER;`;

describe.each(BACKENDS)("an anchored evidence ledger on %s", (backend) => {
  it("verifies intact against its checkpoint", async () => {
    const { verify } = await anchoredStore(backend);
    const result = await verify();
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain(", holding all 1 signed checkpoint\n");
  }, 60_000);

  it("names the tail cut and the head moved back", async () => {
    const { sql, verify } = await anchoredStore(backend);
    await sql(headBackTo(2));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /anchor: the head is at record 2, behind the checkpoint of .* \(record 4, sha256 [0-9a-f]{64}\): records were cut from its tail\n/,
    );
  }, 60_000);

  it("names a wiped ledger", async () => {
    const { sql, verify } = await anchoredStore(backend);
    await sql(`
      ALTER TABLE evidence_records DISABLE TRIGGER USER;
      ALTER TABLE evidence_head DISABLE TRIGGER USER;
      DELETE FROM evidence_records;
      UPDATE evidence_head SET seq = 0, deployment_id = NULL, hash = NULL;`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("the head is at record 0, behind the checkpoint");
    expect(result.stdout).toContain("the ledger was wiped");
  }, 60_000);

  it("names a tail re-sealed by a later append, which the chain alone calls intact", async () => {
    const { sql, verify, run } = await anchoredStore(backend);
    await sql(headBackTo(3));
    // The next import appends record 4 again, for the same deployment, sealed anew.
    const touch = join(dirs.at(-1) as string, "touch.ndjson");
    await writeFile(touch, "");
    expect((await run(["import", touch])).code).toBe(0);
    const chainOnly = await run(["evidence", "verify"]);
    expect(chainOnly.code, chainOnly.stdout).toBe(0);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /anchor: record 4 has sha256 [0-9a-f]{64}, not the one of the checkpoint .*: the chain was re-sealed from it or before\n/,
    );
  }, 60_000);

  it("names a checkpoint altered in the witness, and a duplicate row the index hides", async () => {
    const { sql, verify, witness } = await anchoredStore(backend);
    const [file] = await readdir(witness);
    const path = join(witness, file as string);
    const altered = (await readFile(path, "utf8")).replace(/"seq": 4/, '"seq": 3');
    await rm(path, { force: true });
    await writeFile(path, altered);
    await sql(`
      ALTER TABLE evidence_records DROP CONSTRAINT evidence_records_pkey;
      INSERT INTO evidence_records SELECT * FROM evidence_records WHERE seq = 2;`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`anchor: witness file ${file}: its signature does not verify`);
    expect(result.stdout).toContain("inserted: a second record holds seq 2");
  }, 60_000);
});
