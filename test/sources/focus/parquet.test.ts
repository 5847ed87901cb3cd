import { gzipSync, zstdCompressSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, test } from "vitest";
import { tmpDir, writeIn } from "./files.ts";
import { sharedStoreImporter, total } from "./shared-store.ts";

// FOCUS as Parquet (AWS Data Exports, Azure FocusCost): written here with hyparquet-writer,
// several row groups, each codec exporters use, timestamps as Parquet TIMESTAMP and tags
// as the JSON logical type, which the reader hands over as objects rather than text.

const imported = sharedStoreImporter();

describe("FOCUS Parquet", () => {
  test.each(["SNAPPY", "GZIP", "ZSTD"] as const)(
    "Parquet, %s, over several row groups",
    async (codec) => {
      const at = (text: string) => new Date(text);
      const buffer = parquetWriteBuffer({
        codec,
        compressors: { GZIP: (b) => gzipSync(b), ZSTD: (b) => zstdCompressSync(b) },
        rowGroupSize: 2,
        columnData: [
          { name: "BillingAccountId", data: ["a1", "a1", "a1", "a2", "a2"], type: "STRING" },
          { name: "BillingCurrency", data: ["USD", "USD", "EUR", "USD", "USD"], type: "STRING" },
          {
            name: "ChargePeriodStart",
            type: "TIMESTAMP",
            data: [
              "2024-09-01T00:00:00Z",
              "2024-09-01T01:00:00Z",
              "2024-09-01T02:00:00Z",
              "2024-09-02T00:00:00Z",
              "2024-09-02T01:00:00Z",
            ].map(at),
          },
          {
            name: "ChargePeriodEnd",
            type: "TIMESTAMP",
            data: [
              "2024-09-01T01:00:00Z",
              "2024-09-01T02:00:00Z",
              "2024-09-01T03:00:00Z",
              "2024-09-02T01:00:00Z",
              "2024-09-02T02:00:00Z",
            ].map(at),
          },
          { name: "EffectiveCost", data: [1.5, 2.25, 4, 8, 0.125], type: "DOUBLE" },
          {
            name: "ServiceCategory",
            data: ["Compute", "Compute", "Storage", "Compute", "Compute"],
            type: "STRING",
          },
          {
            name: "ServiceProviderName",
            data: ["AWS", "AWS", "AWS", "AWS", "AWS"],
            type: "STRING",
          },
          // JSON logical type: the reader hands over objects, not text.
          {
            name: "Tags",
            type: "JSON",
            nullable: true,
            data: [{ app: "shop" }, { app: "shop" }, null, { app: "other" }, { app: "shop" }],
          },
        ],
      });
      const path = await writeIn(await tmpDir(), "export.parquet", new Uint8Array(buffer));
      const { report, costs } = await imported(path);
      expect(report.rejected).toEqual([]);
      expect(report.accepted.cost).toBe(5);
      // shop: 1.5 + 2.25 (Sep 1) and 0.125 (Sep 2); the euro row 4 × 1.25 = 5 and 8 are unattributed.
      expect(total(costs, (c) => c.service === "shop")).toBe(3.875);
      expect(total(costs, (c) => c.service === undefined)).toBe(13);
      expect(costs.find((c) => c.originalCurrency === "EUR")?.originalAmount).toBe(4);
    },
  );
});
