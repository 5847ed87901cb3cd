import { describe, expect, it } from "vitest";
import { formatReport, formatWarnings } from "../../src/cli/commands/import.ts";
import { importLines } from "../../src/import/index.ts";
import { testContext } from "../import/helpers.ts";

// What `import` prints for each kind of warning: a dropped unknown field and a line that
// replaced an earlier one with the same id read differently (decision 151).

const line = (id: string, sha: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: "deployment",
    id,
    service: "checkout",
    environment: "production",
    finishedAt: "2026-06-01T10:00:00Z",
    commitSha: sha,
    ...extra,
  });

describe("import's warnings", () => {
  it("says which line replaced which, and which lost a field", async () => {
    const report = await importLines(
      [line("d1", "aaa"), line("d1", "bbb"), line("d2", "ccc", { stauts: "failure" })],
      "e.ndjson",
      await testContext(),
    );
    expect(formatWarnings(report)).toBe(
      [
        "e.ndjson:2: deployment same identity as line 1 with different content; this line is stored [conflicting_duplicate]",
        'e.ndjson:3: deployment unknown field "stauts" (did you mean "status"?); stored without it [unknown_field]',
        "",
      ].join("\n"),
    );
    expect(formatReport(report)).toBe(
      "accepted deployment 3; 2 written, 1 unchanged, 0 rejected, 1 stored without unknown fields (--strict rejects such lines), 1 replacing an earlier line with the same id",
    );
  });
});
