import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { FOCUS_12, FOCUS_13, focusCsv, tmpDir, usage, writeIn } from "./files.ts";
import { effectiveCost, SAMPLE, sampleRows } from "./independent.ts";
import { sharedStoreImporter, total } from "./shared-store.ts";

// The encodings and column sets FOCUS exports come in: gzip, the 1.2 provider columns
// and the 1.3 split allocation (Parquet has its own file).

const imported = sharedStoreImporter();

describe("FOCUS encodings", () => {
  test("a gzip-compressed export reads as the plain one", async () => {
    const dir = await tmpDir();
    const path = await writeIn(dir, "sample.csv.gz", gzipSync(await readFile(SAMPLE)));
    const { report, costs } = await imported(path);
    expect(report.accepted.cost).toBe(1_000);
    expect(total(costs)).toBeCloseTo(effectiveCost(sampleRows()), 9);
  });
});

describe("FOCUS column sets", () => {
  test("1.2: ServiceProviderName instead of ProviderName; CI/CD subcategory is ci", async () => {
    const rows = [
      usage("2024-09-03", 0, 10, {
        ServiceCategory: "Developer Tools",
        ServiceSubcategory: "Continuous Integration and Deployment",
        ServiceName: "AWS CodeBuild",
      }),
      usage("2024-09-03", 1, 3, {
        ServiceCategory: "Developer Tools",
        ServiceSubcategory: "Source Code Management",
        ServiceName: "AWS CodeCommit",
      }),
      usage("2024-09-03", 2, 7, {
        ServiceCategory: "Compute",
        ServiceSubcategory: "Virtual Machines",
        SubAccountId: "ci-account",
      }),
    ];
    const path = await writeIn(await tmpDir(), "focus-1.2.csv", focusCsv(FOCUS_12, rows));
    const { report, costs } = await imported(path);
    expect(report.rejected).toEqual([]);
    // Only the build service is CI; source hosting is a cloud service like any other.
    expect(total(costs, (c) => c.category === "ci")).toBe(10);
    expect(total(costs, (c) => c.category === "cloud")).toBe(10);
    expect(total(costs, (c) => c.service === "builds")).toBe(7);
  });

  test("1.0 has no subcategory: all Developer Tools count as ci", async () => {
    const sample = sampleRows().slice(0, 2);
    const header = Object.keys(sample[0] ?? {});
    const rows = [
      usage("2024-09-04", 0, 2, { ServiceCategory: "Developer Tools" }),
      usage("2024-09-04", 1, 5),
    ];
    const path = await writeIn(await tmpDir(), "focus-1.0.csv", focusCsv(header, rows));
    const { costs } = await imported(path);
    expect(total(costs, (c) => c.category === "ci")).toBe(2);
    expect(total(costs, (c) => c.category === "cloud")).toBe(5);
  });

  test("1.3: AllocatedTags and AllocatedResourceId attribute a split shared resource", async () => {
    const node = {
      ResourceId: "arn:aws:ec2:node-1",
      Tags: '{"cluster":"main"}',
      AllocatedMethodId: "k8s-requests",
    };
    const rows = [
      usage("2024-09-05", 0, 6, {
        ...node,
        AllocatedResourceId: "main/shop/pod-a",
        AllocatedTags: '{"app":"shop"}',
      }),
      usage("2024-09-05", 0, 4, { ...node, AllocatedResourceId: "main/idle", AllocatedTags: null }),
    ];
    const path = await writeIn(await tmpDir(), "focus-1.3.csv", focusCsv(FOCUS_13, rows));
    const { costs } = await imported(path);
    expect(total(costs, (c) => c.service === "shop")).toBe(6);
    expect(total(costs, (c) => c.service === undefined)).toBe(4);
  });
});
