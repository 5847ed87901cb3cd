import { formatValue, type ReportModel, type StakeholderSection } from "../model.ts";

// The summary page's sentences and the report's table of contents, shared by HTML and PDF.

export function complianceLine(model: ReportModel): string {
  const { productionDeployments, compliantDeployments, nonCompliant } = model.compliance;
  if (productionDeployments === 0) return "No production deployments this quarter.";
  const share = formatValue(compliantDeployments / productionDeployments, "ratio", model.currency);
  const listed = nonCompliant.length === 1 ? "1 is" : `${nonCompliant.length} are`;
  const { failedDeployments: failed, notEvaluableDeployments: missing } = model.compliance;
  const split = nonCompliant.length
    ? ` (${failed} failed a control, ${missing} not evaluable for missing evidence)`
    : "";
  return `${compliantDeployments} of ${productionDeployments} production deployments compliant (${share}); ${listed} listed under Compliance${split}.`;
}

export function dataQualityLine(model: ReportModel): string {
  const quality = model.dataQuality;
  const unattributed = formatValue(quality.unattributedCostShare, "ratio", model.currency);
  const services = quality.servicesWithoutData.length;
  const sources = quality.failedSources.length;
  return `unattributed cost ${unattributed}; ${services} ${services === 1 ? "service" : "services"} without data; ${sources} ${sources === 1 ? "source" : "sources"} failed during the quarter.`;
}

export interface ContentsEntry {
  id: string;
  title: string;
}

/** "COO: Cost of delivery". */
export function sectionHeading(section: Pick<StakeholderSection, "stakeholder" | "title">): string {
  return `${section.stakeholder}: ${section.title}`;
}

export function sectionId(stakeholder: string): string {
  return `section-${stakeholder.toLowerCase()}`;
}

export function contents(model: ReportModel): ContentsEntry[] {
  return [
    ...model.sections.map((section) => ({
      id: sectionId(section.stakeholder),
      title: sectionHeading(section),
    })),
    { id: "compliance", title: "Compliance" },
    { id: "data-quality", title: "Data quality" },
    { id: "definitions", title: "Appendix: definitions" },
  ];
}
