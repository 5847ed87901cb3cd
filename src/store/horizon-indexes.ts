// Migration 10: what a serving process reads its working set by (docs/decisions/serving.md).
// Each query of horizon-reads.ts is a range or a look-up on one of these, so
// reading the window costs what the window holds, however many years lie behind it.
export const HORIZON_INDEXES_DDL = `
  CREATE INDEX deployments_service_finished ON deployments (service, finished_at);
  CREATE INDEX deployments_service_commit ON deployments (service, commit_sha);
  CREATE INDEX deployments_rollback_of ON deployments (rollback_of);
  CREATE INDEX deployments_environment ON deployments (environment);
  CREATE INDEX deployments_commit_prefix ON deployments (lower(left(commit_sha, 7)));
  CREATE INDEX deployments_merge_order ON deployments (service, finished_at) WHERE changes IS NULL;
  CREATE INDEX deployments_listed_changes ON deployments USING gin (changes);
  CREATE INDEX changes_service_merged ON changes (service, merged_at);
  CREATE INDEX incidents_service_started ON incidents (service, started_at);
  CREATE INDEX incidents_started ON incidents (started_at);
  CREATE INDEX incidents_resolved ON incidents (resolved_at);
  CREATE INDEX incidents_deployment ON incidents (deployment_id);
  CREATE INDEX incidents_change ON incidents (change_id);
  CREATE INDEX incidents_commit_prefix ON incidents (lower(left(commit_sha, 7)));
  CREATE INDEX vulnerabilities_service ON vulnerabilities (service, opened_at, id);
  CREATE INDEX vulnerabilities_fixed ON vulnerabilities (fixed_at);
  CREATE INDEX vulnerabilities_dismissed ON vulnerabilities (dismissed_at);
  CREATE INDEX costs_period_start ON costs (period_start);
  CREATE INDEX experiments_change ON experiments (change_id);
`;
