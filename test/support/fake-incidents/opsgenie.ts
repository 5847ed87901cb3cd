import {
  type FakeAnswer,
  type FakeRequest,
  type FakeServer,
  pageOf,
  startFakeServer,
} from "./http.ts";
import {
  type FakeAlert,
  type FakeOpsIncident,
  type OpsAccount,
  requestId,
  search,
} from "./ops-model.ts";

// A fake Opsgenie REST API: GenieKey auth, GET /v2/alerts (offset/limit paging whose
// `paging.next` names api.opsgenie.com, as the real one does), GET /v2/alerts/{id},
// GET /v1/incidents (query required) and GET /v2/teams. Objects carry the fields of
// opsgenie-oas BaseAlert, Alert and BaseIncident (checked by fake-shapes.test.ts).

export interface FakeOpsgenie extends FakeServer {
  account: OpsAccount;
  /** The next `count` list calls answer 429 as Opsgenie throttles. */
  throttle(count: number): void;
}

const PUBLIC_HOST = "https://api.opsgenie.com";

function envelope(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, took: 0.01, requestId: requestId() };
}

export function baseAlertView(a: FakeAlert) {
  const closed = a.status === "closed";
  return {
    id: a.id,
    tinyId: a.tinyId,
    alias: `alias-${a.id}`,
    message: a.message,
    status: a.status,
    acknowledged: closed,
    isSeen: true,
    tags: a.tags,
    snoozed: false,
    count: 1,
    lastOccurredAt: a.createdAt,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    source: "prometheus",
    owner: "",
    priority: a.priority,
    responders: a.responders,
    integration: { id: "int-1", name: "Prometheus", type: "Prometheus" },
    report: closed ? { closeTime: a.closeTimeMs, closedBy: "oncall@example.com" } : {},
  };
}

export function incidentView(i: FakeOpsIncident) {
  return { ...i, isSeen: true, source: "web", owner: "oncall@example.com" };
}

function list(
  request: FakeRequest,
  path: string,
  items: unknown[] | undefined,
  pageSize: number,
): FakeAnswer {
  if (!items) return { status: 422, body: envelope({ message: "Invalid query" }) };
  const offset = Number(request.query.get("offset") ?? 0);
  const limit = Math.min(Number(request.query.get("limit") ?? 20), 100);
  const { page, more, next } = pageOf(items, offset, Math.min(limit, pageSize));
  const link = (at: number) => {
    const query = new URLSearchParams(request.query);
    query.set("offset", String(at));
    return `${PUBLIC_HOST}${path}?${query}`;
  };
  return {
    status: 200,
    body: envelope({ data: page, paging: { first: link(0), ...(more && { next: link(next) }) } }),
  };
}

export async function startFakeOpsgenie(options: {
  apiKey: string;
  account: OpsAccount;
  pageSize?: number;
}): Promise<FakeOpsgenie> {
  const pageSize = options.pageSize ?? 2;
  let throttled = 0;
  const route = (request: FakeRequest): FakeAnswer => {
    if (request.headers.authorization !== `GenieKey ${options.apiKey}`)
      return { status: 401, body: envelope({ message: "Could not authenticate" }) };
    const { account } = fake;
    const listing = request.path === "/v2/alerts" || request.path === "/v1/incidents";
    if (listing && throttled > 0) {
      throttled--;
      return {
        status: 429,
        headers: { "x-ratelimit-state": "THROTTLED" },
        body: envelope({ message: "You are making too many requests!" }),
      };
    }
    const query = request.query.get("query");
    if (request.path === "/v2/alerts")
      return list(
        request,
        "/v2/alerts",
        search(account.alerts, query)?.map(baseAlertView),
        pageSize,
      );
    if (request.path === "/v1/incidents") {
      if (query === null) return { status: 422, body: envelope({ message: "query is required" }) };
      return list(
        request,
        "/v1/incidents",
        search(account.incidents, query)?.map(incidentView),
        pageSize,
      );
    }
    if (request.path === "/v2/teams")
      return {
        status: 200,
        body: envelope({ data: account.teams.map((t) => ({ ...t, description: "" })) }),
      };
    const alertId = /^\/v2\/alerts\/([^/]+)$/.exec(request.path)?.[1];
    const alert = account.alerts.find((a) => a.id === alertId);
    if (alert) {
      const full = {
        ...baseAlertView(alert),
        actions: [],
        entity: "",
        description: alert.description ?? "",
        details: alert.details,
      };
      return { status: 200, body: envelope({ data: full }) };
    }
    return { status: 404, body: envelope({ message: `No resource at ${request.path}` }) };
  };
  const server = await startFakeServer(route);
  const fake: FakeOpsgenie = Object.assign(server, {
    account: options.account,
    throttle: (count: number) => {
      throttled += count;
    },
  });
  return fake;
}
