import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toEngineConfig } from "../../src/config/engine-config.ts";
import { csvField } from "../../src/import/csv.ts";
import { CSV_COLUMNS } from "../../src/reports/formats/csv.ts";
import { reportFromStore } from "../../src/reports/from-store.ts";
import type { ReportModel } from "../../src/reports/model.ts";
import { renderReport } from "../../src/reports/render.ts";
import type { Store } from "../../src/store/store.ts";
import { config, handMadeStore } from "./hand-made.ts";
import { parseCsv } from "./parse-csv.ts";

// JSON, CSV and XLSX of the hand-made organisation's 2026-Q3 report, read back.

let store: Store;
let model: ReportModel;
beforeAll(async () => {
  store = await handMadeStore();
  model = await reportFromStore(store, toEngineConfig(config()), {
    quarter: "2026-Q3",
    now: Date.parse("2026-11-05T00:00:00Z"),
  });
});
afterAll(() => store.close());

const text = async (format: "csv" | "json") => {
  const { body } = await renderReport(model, format);
  return String(body);
};

describe("JSON", () => {
  it("is the model, keys in the model's order, the same bytes every time", async () => {
    const json = await text("json");
    expect(JSON.parse(json)).toEqual(model);
    expect(Object.keys(JSON.parse(json))).toEqual([
      "schema",
      "quarter",
      "asOf",
      "generatedAt",
      "currency",
      "scope",
      "summary",
      "sections",
      "compliance",
      "policyChanges",
      "dataQuality",
      "definitions",
      "values",
    ]);
    expect(await text("json")).toBe(json);
    expect(json.endsWith("}\n")).toBe(true);
  });
});

describe("CSV", () => {
  it("starts with the long-form header and has a row per value, parsing back to the numbers", async () => {
    const csv = await text("csv");
    expect(csv.startsWith("kpi,scope,team,service,value,unit,")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(model.values.length);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    rows.forEach((row, i) => {
      const v = model.values[i];
      expect(row[col("kpi")]).toBe(v?.kpi);
      expect(row[col("team")]).toBe(v?.team ?? "");
      expect(Number(row[col("value")])).toBe(v?.value);
      expect(row[col("period")]).toBe(v?.period);
    });
    const cloud = rows.find(
      (r) =>
        r[col("kpi")] === "kpi_cost" &&
        r[col("scope")] === "team" &&
        r[col("period")] === "2026-Q3",
    );
    expect(cloud).toEqual([
      "kpi_cost",
      "team",
      "payments",
      "",
      "100",
      "currency",
      "",
      "",
      "cloud",
      "",
      "",
      "",
      "EUR",
      "2026-Q3",
      "92d",
      "2026-09-30T23:59:59.999Z",
    ]);
  });

  it("quotes fields as RFC 4180 says", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    const line = ["a,b", 'q"', "x\r\ny", ""].map(csvField).join(",");
    expect(parseCsv(`${line}\r\n`)).toEqual([["a,b", 'q"', "x\r\ny", ""]]);
  });
});

describe("XLSX", () => {
  it("has a sheet per stakeholder and the raw KPI sheet, numbers as numbers", async () => {
    const { body, contentType } = await renderReport(model, "xlsx");
    expect(contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(Buffer.isBuffer(body)).toBe(true);
    const sheets = await readXlsxFile(body as Buffer);
    expect(sheets.map((s) => s.sheet)).toEqual([
      "Summary",
      "COO",
      "CFO",
      "CISO",
      "CTO",
      "Compliance",
      "Data quality",
      "KPIs",
      "Definitions",
    ]);
    const data = (name: string) => sheets.find((s) => s.sheet === name)?.data ?? [];
    const cto = data("CTO");
    expect(cto[0]?.[0]).toBe("CTO: Delivery performance");
    const freq = cto.find((row) => row[0] === "Deployment frequency");
    expect(freq?.slice(0, 8)).toEqual([
      "Deployment frequency",
      null,
      3 / 92,
      "per day",
      1 / 91,
      (3 / 92 - 1 / 91) / (1 / 91),
      "low (0)",
      0,
    ]);
    // A ratio's change is in percentage points, as the HTML and the PDF show it: from 0 to
    // 1/3 has no relative change but moved 33.3 points; 1 to 2/3 fell 33.3 points.
    const header = cto.find((row) => row[0] === "KPI");
    expect(header?.[5]).toBe("Change (pp for ratios)");
    const failure = cto.find((row) => row[0] === "Change failure ratio");
    expect(failure?.[5]).toBeCloseTo(100 / 3, 10);
    expect(failure?.[8]).toBe("33.3% (+33.3 pp)");
    const coverage = data("Summary").find((row) => row[0] === "Compliance coverage");
    expect(coverage?.[5]).toBeCloseTo(-100 / 3, 10);
    expect(coverage?.[8]).toBe("66.7% (−33.3 pp)");
    const raw = data("KPIs");
    expect(raw[0]).toEqual([
      "kpi",
      "scope",
      "team",
      "service",
      "value",
      "unit",
      "labels",
      "period",
      "window",
      "as_of",
    ]);
    expect(raw).toHaveLength(model.values.length + 1);
    expect(raw.slice(1).map((r) => r[4])).toEqual(model.values.map((v) => v.value));
    const compliance = data("Compliance");
    expect(compliance.find((r) => r[0] === "d2" && r[4] === "deployment_approval")?.[5]).toBe(
      "no deployment approval recorded",
    );
  });
});
