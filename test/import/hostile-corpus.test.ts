import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type ImportContext, importLines } from "../../src/import/index.ts";
import { importFiles } from "../../src/sources/import-events.ts";
import type { RejectCode } from "../../src/vocabulary/reject-codes.ts";
import { testContext } from "./helpers.ts";

// METRICS.md decision 151 ("Hostile input"), checked from its text alone: a corpus of
// malformed lines of every kind, each refused by number with its reason, interleaved with
// valid lines that must all be stored; duplicates within one input; and the real CLI.

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kpi-hostile-"));
  dirs.push(dir);
  return dir;
}

const KINDS = [
  "deployment",
  "change",
  "incident",
  "check",
  "vulnerability",
  "cost",
  "experiment",
] as const;
type Kind = (typeof KINDS)[number];
type Line = string | Buffer;
type Obj = Record<string, unknown>;
interface Expected {
  code: RejectCode;
  field?: string;
  kind?: Kind;
}

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 1);
const at = (hours: number, ms = 0) => new Date(T0 + hours * 3_600_000 + ms).toISOString();
const json = (o: object) => JSON.stringify(o);
const nest = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;
const nestObj = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
/** o's JSON with one more field whose value is the raw JSON text given. */
const withRaw = (o: object, key: string, raw: string) => `${json(o).slice(0, -1)},"${key}":${raw}}`;
/** o's JSON with the marker @@ (inside a string) replaced by raw bytes. */
const withBytes = (o: object, bytes: number[]) => {
  const [head = "", tail = ""] = json(o).split("@@");
  return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
};
const omit = (o: Obj, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
/** o's JSON, padded with an unknown array of short strings to exactly `bytes` bytes. */
function padded(o: object, bytes: number): string {
  const head = `${json(o).slice(0, -1)},"pad":["`;
  let room = bytes - head.length - 3;
  const chunks: string[] = [];
  for (; room > 60_000; room -= 60_000) chunks.push("p".repeat(59_997));
  const line = `${head}${[...chunks, "p".repeat(room)].join('","')}"]}`;
  if (Buffer.byteLength(line) !== bytes) throw new Error("padded: wrong length");
  return line;
}

// One valid line per kind, built from fixed fields and fields that vary with n; a check's
// identity here is its name, distinct per line like the other kinds' ids.
const FIXED: Record<Kind, Obj> = {
  deployment: { service: "checkout", environment: "production" },
  change: { service: "billing" },
  incident: { service: "runners" },
  check: { conclusion: "success", service: "checkout" },
  vulnerability: { service: "plain", severity: "high" },
  cost: { currency: "EUR", category: "cloud", service: "checkout" },
  experiment: { currency: "EUR", controlMean: 10, treatmentMean: 11, treatmentUnits: 100 },
};
const commit = (sha: string, authoredAt: string) => ({ sha, authoredAt });
const VARYING: Record<Kind, (n: number) => Obj> = {
  deployment: (n) => ({ startedAt: at(n), finishedAt: at(n, 10 * MIN), commitSha: `c0ffee${n}` }),
  change: (n) => ({
    createdAt: at(n - 2),
    mergedAt: at(n),
    commits: [commit("be", at(n, 30 * MIN))],
  }),
  incident: (n) => ({ startedAt: at(n), resolvedAt: at(n, MIN) }),
  check: (n) => ({ commitSha: `c0ffee${n}`, completedAt: at(n) }),
  vulnerability: (n) => ({ openedAt: at(n), fixedAt: at(n + 24) }),
  cost: (n) => ({ amount: n + 0.25, periodStart: at(n), periodEnd: at(n + 24) }),
  experiment: (n) => ({ changeId: `ok-change-${n}`, ciLow: 0.5, ciHigh: 1.5 }),
};
const base = (kind: Kind, id: string, n = 0): Obj => ({
  kind,
  [kind === "check" ? "name" : "id"]: id,
  ...FIXED[kind],
  ...VARYING[kind](n),
});

const limit: Expected = { code: "limit_exceeded" };
const encoding: Expected = { code: "invalid_encoding" };
const named = (kind: Kind, code: RejectCode, field: string): Expected => ({ code, field, kind });
const ID = 1025; // one past the 1,024-character identifier limit

/** Malformed lines that are cheap enough to repeat, with ids distinct per round r. */
function malformed(r: number): [Line, Expected][] {
  const long = `${r}`.padEnd(ID, "x");
  const of = (kind: Kind) => base(kind, `bad-${r}-${kind}`, r);
  const [dep, chg, inc, chk] = [of("deployment"), of("change"), of("incident"), of("check")];
  const [vul, cst, exp] = [of("vulnerability"), of("cost"), of("experiment")];
  const rule =
    (code: RejectCode) =>
    (kind: Kind, field: string, value: Obj): [Line, Expected] => [
      json(value),
      named(kind, code, field),
    ];
  const [id, time, bad] = [rule("limit_exceeded"), rule("time_order"), rule("invalid_field")];
  return [
    // JSON nested 2,000 levels deep: in unknown fields and as known fields' values; then 33.
    [withRaw(dep, "x", nest(2000)), limit],
    [withRaw(dep, "approvals", nest(2000)), limit],
    [withRaw(chg, "labels", nest(2000)), limit],
    [withRaw(inc, "title", nestObj(2000)), limit],
    [withRaw(chk, "x", nestObj(2000)), limit],
    [withRaw(vul, "x", nest(2000)), limit],
    [withRaw(cst, "tags", nestObj(2000)), limit],
    [withRaw(exp, "x", nestObj(2000)), limit],
    [withRaw(dep, "x", nest(32)), limit], // the line's object + 32 arrays = 33 levels
    // Identifiers of 1,025 characters, named by their field.
    id("deployment", "id", { ...dep, id: long }),
    id("deployment", "service", { ...dep, service: long }),
    id("deployment", "environment", { ...dep, environment: long }),
    id("deployment", "commitSha", { ...dep, commitSha: "a".repeat(ID) }),
    id("deployment", "changes[1]", { ...dep, changes: ["c1", long] }),
    id("deployment", "approvals[0].by", { ...dep, approvals: [{ by: long, at: at(r) }] }),
    id("change", "id", { ...chg, id: long }),
    id("change", "mergeCommitSha", { ...chg, mergeCommitSha: "b".repeat(ID) }),
    id("change", "commits[0].sha", {
      ...chg,
      commits: [commit("c".repeat(ID), at(r))],
    }),
    id("change", "linkedItems[0].id", { ...chg, linkedItems: [{ id: long }] }),
    id("change", "approvals[0].by", { ...chg, approvals: [{ by: long, at: at(r - 1) }] }),
    id("incident", "id", { ...inc, id: long }),
    id("incident", "commitSha", { ...inc, commitSha: "d".repeat(ID) }),
    id("check", "name", { ...chk, name: long }),
    id("check", "commitSha", { ...chk, commitSha: "e".repeat(ID) }),
    id("vulnerability", "id", { ...vul, id: long }),
    id("cost", "id", { ...cst, id: long }),
    id("experiment", "id", { ...exp, id: long }),
    // Bytes that are not UTF-8, wherever they are on the line.
    [withBytes({ ...dep, id: `bad-${r}-@@` }, [0xc3, 0x28]), encoding],
    [withBytes({ ...chg, title: "@@" }, [0xff]), encoding],
    [withBytes({ ...inc, id: `bad-${r}-@@` }, [0xc0, 0xaf]), encoding], // overlong "/"
    [Buffer.concat([Buffer.from(json(chk)), Buffer.from([0xe2, 0x82])]), encoding], // truncated at the end
    [withBytes({ ...vul, id: "@@" }, [0xed, 0xa0, 0x80]), encoding], // an encoded surrogate
    [withBytes({ ...cst, tags: { note: "@@" } }, [0x80]), encoding], // a lone continuation byte
    [withBytes({ ...exp, metric: "@@" }, [0xf4, 0x90, 0x80, 0x80]), encoding], // beyond U+10FFFF
    // Times in an order that cannot happen: no tolerance, except one hour for the author time.
    time("deployment", "finishedAt", { ...dep, startedAt: at(r, 1), finishedAt: at(r) }),
    time("deployment", "finishedAt", {
      ...dep,
      startedAt: "2026-06-01T10:00:00Z",
      finishedAt: "2026-06-01T11:00:00+02:00",
    }),
    time("change", "mergedAt", { ...chg, createdAt: at(r, 1), mergedAt: at(r) }),
    time("change", "commits[0].authoredAt", {
      ...chg,
      commits: [commit("ab", at(r, 61 * MIN))],
    }),
    time("change", "commits[1].authoredAt", {
      ...chg,
      commits: [commit("ab", at(r)), commit("cd", at(r, 60 * MIN + 1))],
    }),
    time("incident", "resolvedAt", { ...inc, resolvedAt: at(r, -1) }),
    time("vulnerability", "fixedAt", { ...vul, fixedAt: at(r, -1) }),
    time("vulnerability", "dismissedAt", { ...omit(vul, "fixedAt"), dismissedAt: at(r - 1) }),
    time("cost", "periodEnd", { ...cst, periodEnd: at(r, -1) }),
    // Cost amounts beyond ±10^12, experiment bounds upside down, other numbers past ±10^15.
    bad("cost", "amount", { ...cst, amount: 1e12 + 1 }),
    bad("cost", "amount", { ...cst, amount: -1e12 - 1 }),
    bad("experiment", "ciHigh", { ...exp, ciLow: 2, ciHigh: 1.999 }),
    bad("experiment", "controlMean", { ...exp, controlMean: 2e15 }),
    // Ordinary invalid lines.
    bad("deployment", "commitSha", omit(dep, "commitSha")),
    bad("deployment", "finishedAt", { ...dep, finishedAt: "2026-06-01T10:00:00" }),
    bad("change", "mergedAt", omit(chg, "mergedAt")),
    bad("incident", "startedAt", omit(inc, "startedAt")),
    bad("check", "conclusion", omit(chk, "conclusion")),
    bad("vulnerability", "severity", omit(vul, "severity")),
    bad("cost", "currency", omit(cst, "currency")),
    bad("experiment", "treatmentUnits", omit(exp, "treatmentUnits")),
    ["{oops", { code: "invalid_json" }],
    [`{"kind":"deployment","id":"trunc-${r}"`, { code: "invalid_json" }],
    ["42", { code: "invalid_json" }],
    [json({ kind: "deploy", id: `k-${r}` }), { code: "unknown_kind", field: "kind" }],
    [json({ id: `nokind-${r}` }), { code: "unknown_kind", field: "kind" }],
    [json({ ...inc, service: "ghost" }), named("incident", "unknown_service", "service")],
  ];
}

// Heavy malformed lines, once each.
const HEAVY: [Line, Expected][] = [
  [padded(base("deployment", "big-1"), 1_048_577), limit], // one byte past 1 MiB
  [padded(base("deployment", "big-2"), 1_300_000), limit],
  ["x".repeat(2 * 1024 * 1024), limit], // too long, and not JSON either
  [json({ ...base("change", "big-title"), title: "t".repeat(65_537) }), limit],
  [json({ ...base("incident", "big-note"), note: "n".repeat(65_537) }), limit],
];

// Valid lines at the limits, each [kind, identity, line].
const I1024 = "i".repeat(1024);
const ok = (kind: Kind, id: string, extra: Obj = {}, n = 0): [Kind, string, Line] => [
  kind,
  id,
  json({ ...base(kind, id, n), ...extra }),
];
const BOUNDARY: [Kind, string, Line][] = [
  ["deployment", "b-depth32", withRaw(base("deployment", "b-depth32"), "x", nest(31))], // 32 levels
  ok("change", "b-title", { title: "t".repeat(65_536) }),
  ok("deployment", I1024),
  ok("deployment", "b-ids1024", {
    commitSha: "a".repeat(1024),
    changes: ["c".repeat(1024)],
    approvals: [{ by: "b".repeat(1024), at: at(0) }],
  }),
  ok("check", "n".repeat(1024)),
  ok("deployment", "b-instant", { startedAt: at(3), finishedAt: at(3) }),
  ok("deployment", "b-offsets", {
    startedAt: "2026-06-01T12:00:00+02:00", // 10:00Z, before 10:30Z
    finishedAt: "2026-06-01T10:30:00Z",
  }),
  ok("change", "b-59", { commits: [commit("ab", at(9, 59 * MIN))] }, 9),
  ok("change", "b-60", { commits: [commit("ab", at(9, 60 * MIN))] }, 9), // not "more than 1 hour"
  ok("change", "b-created", { createdAt: at(0), mergedAt: at(0) }),
  ok("incident", "b-resolved", { resolvedAt: at(0) }),
  ok("vulnerability", "b-fixed", { fixedAt: at(0), dismissedAt: at(0) }),
  ok("cost", "b-max", { amount: 1e12 }),
  ok("cost", "b-min", { amount: -1e12 }),
  ok("experiment", "b-ci-equal", { ciLow: 1, ciHigh: 1 }),
  ok("experiment", "b-units", { treatmentUnits: 9e14 }), // other numbers keep ±10^15
  ok("deployment", "dép-✓-😀"),
  ["deployment", "b-big-line", padded(base("deployment", "b-big-line"), 1_040_000)],
  ["deployment", "b-crlf", `${json(base("deployment", "b-crlf"))}\r`],
];

function buildCorpus() {
  const parts: Buffer[] = [];
  const expected = new Map<number, Expected>();
  const valid = Object.fromEntries(KINDS.map((kind) => [kind, [] as string[]])) as Record<
    Kind,
    string[]
  >;
  let line = 0;
  let n = 0;
  let nonBlank = 0;
  const push = (text: Line) => {
    parts.push(Buffer.isBuffer(text) ? text : Buffer.from(text), Buffer.from("\n"));
    if (text.length > 0) nonBlank++;
    return ++line;
  };
  const good = () => {
    const kind = KINDS[n % KINDS.length] as Kind;
    const id = `ok-${kind}-${n}`;
    valid[kind].push(id);
    push(json(base(kind, id, n++)));
  };
  const boundary = [...BOUNDARY];
  good();
  const bad = [...HEAVY, ...[0, 1, 2, 3, 4].flatMap(malformed)];
  bad.forEach(([text, why], i) => {
    expected.set(push(text), why);
    const next = boundary.shift();
    if (next) {
      valid[next[0]].push(next[1]);
      push(next[2]);
    }
    good();
    good();
    if (i % 9 === 0) push("");
  });
  return { bytes: Buffer.concat(parts), expected, valid, nonBlank, badCount: bad.length };
}

async function storedIdentities(ctx: ImportContext): Promise<Record<Kind, string[]>> {
  const s = await ctx.store.load();
  return {
    deployment: s.deployments.map((d) => d.id),
    change: s.changes.map((c) => c.id),
    incident: s.incidents.map((i) => i.id),
    check: s.checks.map((c) => c.name),
    vulnerability: s.vulnerabilities.map((v) => v.id),
    cost: s.costs.map((c) => c.id),
    experiment: s.experiments.map((e) => e.id),
  };
}

describe("decision 151: a hostile corpus", () => {
  it("refuses each malformed line by number and reason, and stores every valid line", async () => {
    const { bytes, expected, valid, nonBlank, badCount } = buildCorpus();
    expect(badCount).toBeGreaterThanOrEqual(300);
    for (const kind of KINDS) expect(valid[kind].length).toBeGreaterThanOrEqual(50);
    const path = join(await tmp(), "hostile.ndjson");
    await writeFile(path, bytes);
    const ctx = await testContext();
    const report = await importFiles([path], ctx);

    const got = [...report.rejected]
      .sort((a, b) => a.line - b.line)
      .map((r) => {
        const why = expected.get(r.line);
        return why?.field
          ? { line: r.line, code: r.code, field: r.field, kind: r.kind }
          : { line: r.line, code: r.code };
      });
    const want = [...expected].map(([line, why]) =>
      why.field
        ? { line, code: why.code, field: why.field, kind: why.kind }
        : { line, code: why.code },
    );
    expect(got).toEqual(want);
    expect(new Set(report.rejected.map((r) => r.source))).toEqual(new Set([path]));
    expect(report.warnings.filter((w) => w.code !== "unknown_field")).toEqual([]);

    const accepted = Object.values(report.accepted).reduce((a, b) => a + b, 0);
    expect(accepted + report.rejected.length).toBe(nonBlank);
    const stored = await storedIdentities(ctx);
    for (const kind of KINDS) {
      expect(report.accepted[kind], kind).toBe(valid[kind].length);
      expect([...stored[kind]].sort(), kind).toEqual([...valid[kind]].sort());
    }
    // Refused, never repaired: no U+FFFD anywhere in what was stored.
    expect(JSON.stringify(await ctx.store.load())).not.toContain("\uFFFD");
  }, 180_000);
});

describe("decision 151: conflicting duplicates within one input", () => {
  it("warns on the later line, naming the earlier one, and stores the later content", async () => {
    const ctx = await testContext();
    const dep = (id: string, commitSha: string) => json({ ...base("deployment", id), commitSha });
    const check = (conclusion: string, service = "checkout") =>
      json({ ...base("check", "sast"), conclusion, service });
    const lines = [
      dep("d-ident", "aaa1111"), // 1
      dep("d-other", "aaa2222"), // 2
      dep("d-same", "aaa3333"), // 3
      check("success"), // 4
      dep("d-ident", "aaa1111"), // 5: identical, no warning
      "", // 6
      dep("d-same", "bbb4444"), // 7: other content than line 3
      check("failure"), // 8: same commit, name, completion time and service as line 4
      check("failure", "billing"), // 9: another service, so another identity
    ];
    const report = await importLines(lines, "dups.ndjson", ctx);
    expect(report.rejected).toEqual([]);
    const conflicts = report.warnings.filter((w) => w.code === "conflicting_duplicate");
    expect(conflicts.map((w) => [w.line, w.kind])).toEqual([
      [7, "deployment"],
      [8, "check"],
    ]);
    expect(conflicts[0]?.message).toMatch(/\bline 3\b/);
    expect(conflicts[1]?.message).toMatch(/\bline 4\b/);
    const stored = await ctx.store.load();
    expect(stored.deployments.map((d) => [d.id, d.commitSha])).toEqual([
      ["d-ident", "aaa1111"],
      ["d-other", "aaa2222"],
      ["d-same", "bbb4444"],
    ]);
    expect(stored.checks.map((c) => [c.service, c.conclusion]).sort()).toEqual([
      ["billing", "failure"],
      ["checkout", "failure"],
    ]);
  });
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const name of ["DATABASE_URL", "KPI_CONFIG", "KPI_AS_OF"]) delete env[name];
  const child = spawn(
    join(REPO, "node_modules/.bin/node"),
    [join(REPO, "bin/kpi-exporter.js"), ...args],
    { cwd: REPO, env },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("decision 151: the real CLI", () => {
  it("names the deep and the non-UTF-8 lines, exits 2 and stores the valid lines", async () => {
    const dir = await tmp();
    const config = join(dir, "config.yaml");
    await writeFile(
      config,
      "version: kpi-exporter/v1\nteams:\n  - name: payments\n    services: [{ name: checkout }]\n",
    );
    const file = join(dir, "events.ndjson");
    const dep = (id: string) => base("deployment", id, 24);
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from(`${json(dep("cli-1"))}\n`),
        Buffer.from(`${withRaw(dep("cli-deep"), "x", nest(2000))}\n`),
        Buffer.from(`${json(dep("cli-2"))}\n`),
        withBytes(dep("cli-@@"), [0xc3, 0x28]),
        Buffer.from(`\n${json(dep("cli-3"))}\n`),
      ]),
    );
    const data = ["--config", config, "--data-dir", join(dir, "data")];
    const result = await cli(["import", ...data, file]);
    expect(result.code, result.stderr).toBe(2);
    const output = result.stdout + result.stderr;
    const said = (line: number, code: string) =>
      new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:${line}: .*\\[${code}\\]`);
    expect(output).toMatch(said(2, "limit_exceeded"));
    expect(output).toMatch(said(4, "invalid_encoding"));
    expect(result.stdout).toMatch(/accepted deployment 3; 3 written, 0 unchanged, 2 rejected/);
    const metrics = await cli(["metrics", ...data, "--as-of", "2026-05-03T00:00:00Z"]);
    expect(metrics.code, metrics.stderr).toBe(0);
    expect(metrics.stdout).toContain('kpi_exporter_records{kind="deployment"} 3');
  }, 60_000);
});
