import { stringify } from "yaml";
import { DATASOURCE_NAME, DATASOURCE_UID, MARKER } from "./common.ts";

// Grafana file provisioning (apiVersion 1): the Prometheus datasource under the uid the
// dashboards default to, and a file provider whose sub-folders become Grafana folders.
// Paths are those of the compose setup: ./dashboards/json → /var/lib/grafana/dashboards/kpi.

export const DASHBOARDS_MOUNT = "/var/lib/grafana/dashboards/kpi";
export const PROMETHEUS_URL = "http://prometheus:9090";

function yamlFile(comment: string, body: unknown): string {
  return `# ${MARKER}\n# ${comment}\n${stringify(body, { lineWidth: 0 })}`;
}

export function datasourceProvisioning(): string {
  return yamlFile(
    "Prometheus datasource of the KPI dashboards. For another Prometheus, provision your own with this uid instead of this file.",
    {
      apiVersion: 1,
      datasources: [
        {
          name: DATASOURCE_NAME,
          type: "prometheus",
          uid: DATASOURCE_UID,
          access: "proxy",
          url: PROMETHEUS_URL,
          isDefault: true,
          editable: false,
          jsonData: { httpMethod: "POST", prometheusType: "Prometheus" },
        },
      ],
    },
  );
}

export function dashboardProvisioning(): string {
  return yamlFile("Loads dashboards/json/<Folder>/<uid>.json, one Grafana folder per audience.", {
    apiVersion: 1,
    providers: [
      {
        name: "kpi-exporter",
        orgId: 1,
        type: "file",
        disableDeletion: false,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: DASHBOARDS_MOUNT, foldersFromFilesStructure: true },
      },
    ],
  });
}
