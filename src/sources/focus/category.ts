import type { CostCategory } from "../../domain/records.ts";

// The contract has two cost categories, `cloud` and `ci`. FOCUS classifies every
// service; the ones that build and deploy software are CI, whoever sells them
// (CodeBuild, Azure Pipelines, Cloud Build…), so a COO's `ci` figure means the same
// thing next to GitHub Actions minutes. FOCUS 1.2 names them precisely with the
// subcategory "Continuous Integration and Deployment"; 1.0 and 1.1 only have the
// category "Developer Tools" ("software development and delivery tools and services"),
// which then counts as CI as a whole.

const CI_SUBCATEGORY = "Continuous Integration and Deployment";
const CI_CATEGORY = "Developer Tools";

/** Equal but for case and stray spaces; values of another length cost no copy. */
function same(value: string, expected: string): boolean {
  if (value === expected) return true;
  const text = value.length === expected.length ? value : value.trim();
  return text.length === expected.length && text.toLowerCase() === expected.toLowerCase();
}

export function costCategoryOf(
  serviceCategory: string | undefined,
  subcategory: string | undefined,
): CostCategory {
  if (subcategory !== undefined) return same(subcategory, CI_SUBCATEGORY) ? "ci" : "cloud";
  return serviceCategory !== undefined && same(serviceCategory, CI_CATEGORY) ? "ci" : "cloud";
}
