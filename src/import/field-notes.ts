import type { RecordKind } from "../domain/records.ts";

// What each field of the import format means, in one sentence: the published JSON Schema
// (schemas/import-v1.json) and the field tables (docs/import-format.md) are generated from
// these and from the zod schemas, and a test keeps the two lists of fields equal.

export const KIND_NOTES: Record<RecordKind, string> = {
  deployment: "A deployment of one service to one environment, as it finished.",
  change: "A merged change (pull or merge request, or a direct push) to one service.",
  incident: "An incident affecting one service, from detection to resolution.",
  check: "One result of a CI check or scan on one commit.",
  vulnerability: "A security finding on one service, from detection to fix or dismissal.",
  cost: "Cloud or CI spend over one billing period.",
  experiment: "An A/B result that measures the revenue a change moves.",
};

export const FIELD_NOTES: Record<RecordKind, Record<string, string>> = {
  deployment: {
    id: "The source's id; importing the same id again replaces the record. Must not start with `policy:`.",
    service: "The catalogue's service name.",
    environment:
      "As named by the source; `production_environments` decides which count as production.",
    finishedAt: "When the deployment finished: the instant every deployment KPI counts it at.",
    commitSha: "The deployed commit (any case; stored lower-case).",
    startedAt: "When the deployment started; not after `finishedAt`.",
    status:
      "`success` (the default) or `failure`; only successful production deployments ship changes.",
    changes:
      "Ids of the changes this deployment shipped; `[]` ships nothing, absent means merge order decides.",
    rollbackOf: "Id of the deployment this one rolls back.",
    ancestorOfPrevious:
      "True when the commit is a strict ancestor of the previous production deployment's commit: a rollback.",
    triggeredBy: "Who or what started the deployment (kept as evidence).",
    approvals:
      "Deployment approvals; one recorded at or before `finishedAt` passes `deployment_approval`.",
    "approvals[].by": "The approver.",
    "approvals[].at": "When they approved.",
    url: "A link to the deployment at its source.",
  },
  change: {
    id: "The source's id, e.g. `acme/checkout#311`; deployments' `changes` refer to it.",
    service: "The catalogue's service name.",
    mergedAt: "When the change was merged.",
    title: "The title; a Conventional Commits `feat:` title marks a feature.",
    labels: "Labels; `feature_labels` and `rework_labels` in the config classify by them.",
    author: "Who wrote the change; approvals by the author do not count.",
    createdAt:
      "When the change was opened; not after `mergedAt`. Lead time starts here when no commit is given.",
    mergeCommitSha: "The merge commit (any case).",
    commits: "The change's commits; lead time starts at the earliest `authoredAt`.",
    "commits[].sha": "The commit (any case).",
    "commits[].authoredAt": "When it was authored; at most an hour after `mergedAt` (clock skew).",
    linkedItems: "Linked work items (Jira issues and the like); `linked_ticket` matches their ids.",
    "linkedItems[].id": "The work item's key, e.g. `PAY-142`.",
    "linkedItems[].createdAt":
      "When the item was created: a feature's time to market starts at the earliest.",
    approvals:
      "Reviews that approved the change; `change_approval` counts those before `mergedAt` by others than the author.",
    "approvals[].by": "The reviewer.",
    "approvals[].at": "When they approved.",
    reverts: "Id of the change this one reverts (rework).",
    url: "A link to the change at its source.",
  },
  incident: {
    id: "The source's id; an incident linked to a change as a work item makes that change rework.",
    service: "The catalogue's service name.",
    startedAt: "When the incident started (was detected).",
    resolvedAt: "When it was resolved; absent while it is open.",
    severity: "As the source names it (`SEV1`, `P2`…); kept as given.",
    deploymentId: "The deployment that caused it, when known: the failure is attributed to it.",
    commitSha:
      "The commit that caused it, when known; matched to deployments by its first 7 characters or more.",
    changeId:
      "The change that caused it, when known: attributed to the deployment that shipped it.",
    title: "The incident's title.",
    url: "A link to the incident at its source.",
  },
  check: {
    commitSha:
      "The commit checked (any case); with `name`, `completedAt` and `service` the record's identity.",
    name: "The check's name, as `required_checks` names it.",
    conclusion:
      "`success` passes; anything else (`failure`, `cancelled`…) fails. Any case: stored lower-case.",
    completedAt:
      "When the check completed; only results done by a deployment's `finishedAt` count.",
    service:
      "The service the result is for, when one commit serves several; absent counts for all.",
    url: "A link to the check run.",
  },
  vulnerability: {
    id: "The source's id; importing the same id again replaces the record.",
    service: "The catalogue's service name.",
    severity: "`critical`, `high`, `medium` or `low`; each has its SLA in the config.",
    openedAt: "When the finding was first detected.",
    fixedAt: "When it was fixed; absent while it is open.",
    dismissedAt:
      "When it was dismissed (false positive, risk accepted); it no longer counts as open.",
    dismissedReason: "Why it was dismissed.",
    source: "The scanner or feed that reported it.",
    url: "A link to the finding.",
  },
  cost: {
    id: "The source's identity for a row it may restate; without it the row's fields are its identity.",
    amount:
      "The amount in `currency`, at most 10^15 either way; converted with `currency_rates` to the reporting currency.",
    currency:
      "An ISO 4217 code (any case): the reporting currency, or one `currency_rates` converts; any other is refused as `unknown_currency`.",
    periodStart: "Start of the billing period; the row counts in the windows holding it.",
    periodEnd: "End of the billing period; not before `periodStart`.",
    category: "`cloud` (infrastructure) or `ci` (build minutes).",
    service:
      "The service charged; without it, `cost_selectors` attribute the row by its tags and accounts.",
    tags: "Billing tags, matched by `cost_selectors`.",
    control: "For CI cost: the compliance control whose jobs ran (`required_checks`, …).",
    subAccountId: "The billing sub-account, matched by the `sub_accounts` selector.",
    resourceId: "The billed resource, matched by the `resource_prefixes` selector.",
  },
  experiment: {
    id: "The experiment's id.",
    changeId:
      "The change whose effect it measures; revenue counts in the window of that change's deployment.",
    currency:
      "The currency of the means (ISO 4217, any case): the reporting currency, or one `currency_rates` converts.",
    controlMean: "Mean revenue per unit in the control group.",
    treatmentMean: "Mean revenue per unit in the treatment group.",
    treatmentUnits:
      "Units (users, sessions) exposed to the change; the estimate is the difference of means times this.",
    ciLow: "Lower bound of the difference of means' confidence interval.",
    ciHigh: "Upper bound of the same; not below `ciLow`.",
    metric: "The metric the means are of.",
    url: "A link to the experiment.",
  },
};
