import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { components } from "@octokit/openapi-types";
import { describe, expect, it } from "vitest";
import { checkMatcher } from "../../../src/config/engine-config.ts";
import type { CostRow } from "../../../src/domain/records.ts";
import {
  type BillingSpreadOptions,
  type JobMinutes,
  jobMinutes,
  spreadActionsBilling,
  type UsageItem,
} from "../../../src/sources/github/normalize/ci-cost.ts";

type Schemas = components["schemas"];
const DATA = fileURLToPath(new URL("../../fixtures", import.meta.url));
const load = <T>(path: string): T => JSON.parse(readFileSync(`${DATA}/${path}`, "utf8"));
const DAY = "2024-03-01";
const START = Date.parse(`${DAY}T00:00:00Z`);
const options: BillingSpreadOptions = {
  repositoryServices: new Map([
    ["Acme/API", ["api"]],
    ["acme/web", ["web", "web-admin"]],
  ]),
  controls: [
    { control: "required_checks", matches: checkMatcher("/sast/").matches },
    { control: "change_approval", matches: checkMatcher("/approval/").matches },
  ],
  usdRate: 0.9,
  currency: "EUR",
  organisation: "acme",
};
const job = (repository: string, name: string, minutes: number, day = DAY): JobMinutes => ({
  repository,
  runId: 1,
  day,
  job: name,
  minutes,
});
const item = (netAmount: number, repositoryName?: string, fields: object = {}): UsageItem => ({
  date: DAY,
  product: "Actions",
  netAmount,
  ...(repositoryName ? { repositoryName } : {}),
  ...fields,
});
const usd = (rows: CostRow[]) => rows.reduce((sum, row) => sum + row.originalAmount, 0);
const JOBS = [
  job("acme/api", "build", 30),
  job("ACME/api", "sast", 10),
  job("acme/web", "build", 20),
];

describe("jobMinutes", () => {
  const completed = (fields: object) => ({
    name: "build",
    status: "completed" as const,
    started_at: "2024-03-01T23:59:00Z",
    completed_at: "2024-03-02T00:00:30Z",
    ...fields,
  });
  it("measures completed hosted jobs in fractional minutes on the day they started", () => {
    const jobs = [
      completed({}),
      completed({ status: "in_progress" }),
      completed({ completed_at: null }),
      completed({ completed_at: "2024-03-01T23:58:00Z" }),
      completed({ labels: ["self-hosted", "linux"] }),
      completed({ name: "noop", completed_at: "2024-03-01T23:59:00Z" }),
    ];
    expect(jobMinutes("acme/api", 42, jobs)).toEqual([
      { repository: "acme/api", runId: 42, day: DAY, job: "build", minutes: 1.5 },
      { repository: "acme/api", runId: 42, day: DAY, job: "noop", minutes: 0 },
    ]);
  });
});

describe("spreadActionsBilling", () => {
  it("spreads items over repositories, controls and services by job minutes", () => {
    const items = [item(4, "acme/api"), item(2, "acme/api", { sku: "Actions macOS" }), item(3)];
    const rows = spreadActionsBilling(items, JOBS, options);
    // api: 4 + 2 + 3×40/60 = 8 USD, split 30:10 into no control and required_checks;
    // web: 3×20/60 = 1 USD, halved between its two services.
    const row = (
      repository: string,
      service: string,
      control: string | undefined,
      usd: number,
    ) => ({
      id: `github-actions:acme:2024-03-01:${repository}:${service}:${control ?? "-"}`,
      amount: usd * 0.9,
      originalAmount: usd,
      originalCurrency: "USD",
      periodStart: START,
      periodEnd: START + 86_400_000,
      category: "ci",
      service,
      ...(control ? { control } : {}),
      tags: { repository },
    });
    expect(rows).toEqual([
      row("acme/api", "api", undefined, 6),
      row("acme/api", "api", "required_checks", 2),
      row("acme/web", "web-admin", undefined, 0.5),
      row("acme/web", "web", undefined, 0.5),
    ]);
  });

  it("keeps each item's total to 1e-9 and gives the same rows in any order", () => {
    const jobs = [
      job("acme/api", "sast", 7),
      job("acme/api", "sast-approval", 11),
      job("acme/web", "e2e", 13),
      job("acme/lib", "x", 3),
    ];
    for (const one of [item(0.37), item(1.234, "acme/api"), item(0.1, "acme/lib")])
      expect(
        Math.abs(usd(spreadActionsBilling([one], jobs, options)) - one.netAmount),
      ).toBeLessThan(1e-9);
    const items = [item(0.37), item(1.234, "acme/api"), item(0.1, "lib")];
    const rows = spreadActionsBilling(items, jobs, options);
    expect(Math.abs(usd(rows) - 1.704)).toBeLessThan(1e-9);
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    expect(rows.filter((row) => row.control === "change_approval")).toEqual([]);
    expect(rows.find((row) => row.tags?.repository === "acme/lib")?.service).toBeUndefined();
    expect(spreadActionsBilling([...items].reverse(), [...jobs].reverse(), options)).toEqual(rows);
  });

  it("keeps unattributed cost at organisation level when no job ran that day", () => {
    const other = { date: "2024-03-02", product: "actions", netAmount: 1.5 };
    const ignored = [item(5, "acme/api", { product: "Packages" }), item(0, "acme/api"), item(0)];
    expect(spreadActionsBilling([other, ...ignored], JOBS, options)).toEqual([
      {
        id: "github-actions:acme:2024-03-02:-:-:-",
        amount: 1.35,
        originalAmount: 1.5,
        originalCurrency: "USD",
        periodStart: START + 86_400_000,
        periodEnd: START + 2 * 86_400_000,
        category: "ci",
      },
    ]);
    const unpriced = spreadActionsBilling([item(2, "acme/docs")], JOBS, options);
    expect(unpriced).toMatchObject([
      { id: "github-actions:acme:2024-03-01:acme/docs:-:-", originalAmount: 2 },
    ]);
  });

  it("needs a USD rate only for rows, and none when reporting in USD", () => {
    const noRate = { ...options, usdRate: undefined };
    expect(() => spreadActionsBilling([item(1)], JOBS, noRate)).toThrow(
      "no currency_rates entry converts USD to EUR",
    );
    expect(spreadActionsBilling([item(0)], JOBS, noRate)).toEqual([]);
    const dollars = spreadActionsBilling([item(1, "acme/docs")], [], {
      ...noRate,
      currency: "USD",
    });
    expect(dollars).toMatchObject([{ amount: 1, originalAmount: 1 }]);
    expect(() =>
      spreadActionsBilling([item(1, undefined, { date: "2024-02-30" })], [], options),
    ).toThrow('date "2024-02-30" is not a day');
  });
});

describe("GitHub fixtures", () => {
  it("reads the jobs and billing usage examples", () => {
    const { jobs } = load<{ example: { jobs: Schemas["job"][] } }>(
      "github/actions-run-jobs.json",
    ).example;
    expect(jobMinutes("octo-org/octo-repo", 29679449, jobs)).toEqual([]);
    const hosted = jobs.map((j) => ({ ...j, labels: ["ubuntu-latest"] }));
    expect(jobMinutes("octo-org/octo-repo", 29679449, hosted)).toEqual([
      {
        repository: "octo-org/octo-repo",
        runId: 29679449,
        day: "2020-01-20",
        job: "build",
        minutes: 119 / 60,
      },
    ]);
    const usage = load<{ example: Schemas["billing-usage-report"] }>("github/billing-usage.json");
    const items = usage.example.usageItems ?? [];
    const services = new Map([["github/example", ["example"]]]);
    const rows = spreadActionsBilling(items, [], {
      ...options,
      organisation: "GitHub",
      repositoryServices: services,
    });
    expect(rows).toMatchObject([
      {
        id: "github-actions:GitHub:2023-08-01:github/example:example:-",
        service: "example",
        originalAmount: 0.8,
      },
    ]);
    expect(rows[0]?.amount).toBeCloseTo(0.72, 12);
  });
});
