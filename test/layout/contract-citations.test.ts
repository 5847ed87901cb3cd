import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

// Comments and documents cite the KPI contract as "contract §N" or "contract §N.M"; the
// contract is in the repository (docs/contract.md), so every section cited must be one of
// its headings, and no citation uses another form the check would not see. A citation may
// wrap: between words there may be a line break and a comment's "//" or "*".

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const contract = readFileSync(join(REPO, "docs/contract.md"), "utf8");

/** "3" for "## 3. Domain definitions", "8.2" for "### 8.2 Controls are effective-dated". */
const SECTIONS = new Set(
  [...contract.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1] as string),
);

/** Whitespace between two words of a citation, across a line break of a comment. */
const GAP = String.raw`(?:\s|//|\*|#)+`;
const CITATION = new RegExp(
  String.raw`contract\)?${GAP}(§[\d.]+(?:(?:,|${GAP}and)${GAP}§?[\d.]+|–[\d.]+)*)`,
  "gi",
);
const OLD_FORMS = new RegExp(String.raw`contract${GAP}(?:sections?${GAP}\d|v1\.1${GAP}§)`, "gi");

/** Each "§N" of a citation: "contract §3 and §7" cites 3 and 7. */
function citedSections(text: string): string[] {
  const cited: string[] = [];
  for (const citation of text.matchAll(CITATION))
    for (const section of (citation[1] as string).matchAll(/(\d+(?:\.\d+)?)/g))
      cited.push(section[1] as string);
  return cited;
}

test("the contract's sections are read from its headings", () => {
  expect([...SECTIONS]).toEqual(expect.arrayContaining(["1", "3", "8", "8.1", "8.4"]));
  expect(citedSections("(contract §3 and §7; contract §8.2)")).toEqual(["3", "7", "8.2"]);
  expect(citedSections("(contract\n// §3 and\n   * §8.1)")).toEqual(["3", "8.1"]);
  expect("(contract\n// section 3)".match(OLD_FORMS)).toHaveLength(1);
});

test("every section a comment cites exists in docs/contract.md", () => {
  const files = execFileSync("git", ["ls-files"], {
    cwd: REPO,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => /\.(ts|md|ya?ml)$/.test(f) && f !== "docs/contract.md");
  const missing: string[] = [];
  let citations = 0;
  for (const file of files) {
    const text = readFileSync(join(REPO, file), "utf8");
    for (const old of text.match(OLD_FORMS) ?? []) missing.push(`${file}: "${old}"`);
    for (const section of citedSections(text)) {
      citations++;
      if (!SECTIONS.has(section)) missing.push(`${file}: §${section}`);
    }
  }
  expect(citations).toBeGreaterThan(30);
  expect(missing).toEqual([]);
});
