import { afterEach, describe, expect, it, vi } from "vitest";
import { renderReport } from "../../src/reports/render.ts";
import { reportFixture } from "./fixtures/model.ts";

// A workbook's zip entries carry a time; it is the report's instant, not the clock's, so
// one model renders to one file whenever it is rendered.

/** Each entry's DOS date and time, walking the local headers one after the other. */
function entryTimes(zip: Buffer): string[] {
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamps: string[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const time = zip.readUInt16LE(at + 10);
    const date = zip.readUInt16LE(at + 12);
    stamps.push(
      `${1980 + (date >> 9)}-${pad((date >> 5) & 15)}-${pad(date & 31)}T` +
        `${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`,
    );
    at += 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18);
  }
  return stamps;
}

describe("the workbook's zip times", () => {
  afterEach(() => vi.useRealTimers());

  it("are the same bytes when rendered a minute apart", async () => {
    const model = reportFixture();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-03-04T05:06:07Z"));
    const first = (await renderReport(model, "xlsx")).body as Buffer;
    vi.setSystemTime(new Date("2031-03-04T05:07:08Z"));
    const second = (await renderReport(model, "xlsx")).body as Buffer;
    expect(second.equals(first)).toBe(true);
  });

  it("read the report's instant in UTC on every entry", async () => {
    const model = reportFixture();
    const body = (await renderReport(model, "xlsx")).body as Buffer;
    const stamps = entryTimes(body);
    expect(stamps.length).toBeGreaterThan(5);
    // 23:59:59.999 is stored as 23:59:58: DOS time counts in two-second steps.
    expect(model.generatedAt).toBe("2026-09-30T23:59:59.999Z");
    expect(new Set(stamps)).toEqual(new Set(["2026-09-30T23:59:58"]));
  });
});

describe("the workbook's zip times across a daylight-saving change", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it.each([
    ["Europe/Berlin", "2026-03-29T01:30:00.000Z"],
    ["America/New_York", "2026-11-01T05:30:00.000Z"],
    ["Australia/Lord_Howe", "2026-04-04T15:15:00.000Z"],
  ])("in %s read %s in UTC", async (tz, instant) => {
    process.env.TZ = tz;
    const model = { ...reportFixture(), generatedAt: instant };
    const body = (await renderReport(model, "xlsx")).body as Buffer;
    expect(new Set(entryTimes(body))).toEqual(new Set([instant.slice(0, 19)]));
  });
});
