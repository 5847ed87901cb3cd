import type { ConfigFile } from "../config/schema.ts";
import { cfoDashboard } from "./cfo.ts";
import { cisoDashboard } from "./ciso.ts";
import type { DashboardSpec } from "./common.ts";
import { cooDashboard } from "./coo.ts";
import { ctoDashboard } from "./cto.ts";
import { doraDashboard } from "./dora.ts";
import { exporterDashboard } from "./exporter.ts";
import { dashboardOptions } from "./options.ts";
import { sreDashboard } from "./sre.ts";

// Every generated dashboard, one per audience. Without a config the contract defaults
// apply (currency EUR, windows 7d/30d/90d, section 5 levels), which is what the checked-in
// dashboards/ tree holds.

export type { DashboardSpec } from "./common.ts";

const AUDIENCES = [
  cooDashboard,
  cfoDashboard,
  cisoDashboard,
  ctoDashboard,
  sreDashboard,
  doraDashboard,
  exporterDashboard,
];

export function buildDashboards(config?: ConfigFile): DashboardSpec[] {
  const options = dashboardOptions(config);
  return AUDIENCES.map((build) => build(options));
}

export interface DashboardQuery {
  uid: string;
  /** Panel title, or `variable <name>` for a variable's query. */
  panel: string;
  expr: string;
}

interface PanelLike {
  title?: string;
  targets?: Array<{ expr?: string }>;
  panels?: PanelLike[];
}

function panelsOf(panels: PanelLike[] = []): PanelLike[] {
  return panels.flatMap((p) => [p, ...panelsOf(p.panels)]);
}

// A variable's `label_values(SELECTOR, label)` is Grafana syntax around a PromQL selector.
const LABEL_VALUES = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/;

/**
 * Every PromQL expression of every panel and variable, with the Grafana variables
 * ($window, $team, $service, $__rate_interval, $__range) left in.
 */
export function dashboardQueries(config?: ConfigFile): DashboardQuery[] {
  return buildDashboards(config).flatMap(({ uid, dashboard }) => {
    const variables = (dashboard.templating.list ?? []).flatMap((v) => {
      const match = typeof v.query === "string" ? LABEL_VALUES.exec(v.query) : null;
      return match?.[1] ? [{ uid, panel: `variable ${v.name}`, expr: match[1] }] : [];
    });
    const panels = panelsOf(dashboard.panels as PanelLike[]).flatMap((p) =>
      (p.targets ?? []).flatMap((t) =>
        t.expr ? [{ uid, panel: p.title ?? "(untitled)", expr: t.expr }] : [],
      ),
    );
    return [...variables, ...panels];
  });
}
