// How an upstream API call ended: the `outcome` label of kpi_exporter_api_requests_total.

export const API_OUTCOMES = ["ok", "not_modified", "error", "rate_limited"] as const;
export type ApiOutcome = (typeof API_OUTCOMES)[number];
