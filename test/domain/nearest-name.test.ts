import { expect, test } from "vitest";
import { editDistance, nearestName } from "../../src/domain/nearest-name.ts";

// The suggestion offered for an unknown field: close misspellings get one, unrelated
// names none.

test("edit distance counts inserts, deletes, substitutions and swapped neighbours as one", () => {
  expect(editDistance("status", "status")).toBe(0);
  expect(editDistance("stauts", "status")).toBe(1);
  expect(editDistance("finshedAt", "finishedAt")).toBe(1);
  expect(editDistance("urll", "url")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("", "abc")).toBe(3);
});

test("the nearest known name within tolerance, ignoring case, underscores and hyphens", () => {
  const deployment = ["id", "service", "environment", "finishedAt", "commitSha", "status"];
  expect(nearestName("stauts", deployment)).toBe("status");
  expect(nearestName("commit_sha", deployment)).toBe("commitSha");
  expect(nearestName("Environmnet", deployment)).toBe("environment");
  expect(nearestName("ids", deployment)).toBe("id");
  // Two edits are too many for a short name, and nothing is near "pipeline".
  expect(nearestName("at", ["by"])).toBeUndefined();
  expect(nearestName("pipeline", deployment)).toBeUndefined();
});
