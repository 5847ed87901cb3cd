import {
  type FakeAnswer,
  type FakeRequest,
  type FakeServer,
  pageOf,
  startFakeServer,
} from "./http.ts";
import { type FakeAlert, type OpsAccount, search } from "./ops-model.ts";

// A fake Jira Service Management Operations alerts API under
// /jsm/ops/api/{cloudId}/v1: basic auth (email and API token), offset/size paging with
// `links.next` relative to the API root, alerts in `values`, the close time as an
// instant in `closeTime`, and custom fields as `extraProperties`.

export function jsmAlertView(a: FakeAlert) {
  const closed = a.status === "closed";
  const closeTime =
    closed && a.closeTimeMs !== undefined
      ? new Date(Date.parse(a.createdAt) + a.closeTimeMs).toISOString()
      : undefined;
  return {
    id: a.id,
    tinyId: a.tinyId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    message: a.message,
    entity: "",
    source: "prometheus",
    status: a.status,
    alias: `alias-${a.id}`,
    tags: a.tags,
    acknowledged: closed,
    ...(closeTime && { closeTime }),
    count: 1,
    owner: "",
    snoozed: false,
    lastOccuredAt: a.createdAt,
    integrationType: "Prometheus",
    integrationName: "Prometheus",
    priority: a.priority,
    responders: a.responders,
    actions: [],
    seen: true,
  };
}

export async function startFakeJsm(options: {
  cloudId: string;
  email: string;
  apiToken: string;
  account: OpsAccount;
  pageSize?: number;
}): Promise<FakeServer & { account: OpsAccount }> {
  const pageSize = options.pageSize ?? 2;
  const prefix = `/jsm/ops/api/${options.cloudId}`;
  const basic = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString("base64")}`;
  const route = (request: FakeRequest): FakeAnswer => {
    if (request.headers.authorization !== basic)
      return { status: 401, body: { code: 401, message: "Unauthorized; scope does not match" } };
    if (!request.path.startsWith(`${prefix}/v1/`))
      return { status: 404, body: { message: "Not Found" } };
    const path = request.path.slice(prefix.length);
    if (path === "/v1/teams") {
      const values = fake.account.teams.map((t) => ({ teamId: t.id, teamName: t.name }));
      return { status: 200, body: { values, links: {} } };
    }
    if (path === "/v1/alerts") {
      const items = search(fake.account.alerts, request.query.get("query"));
      if (!items) return { status: 400, body: { message: "Invalid query" } };
      const offset = Number(request.query.get("offset") ?? 0);
      const size = Math.min(Number(request.query.get("size") ?? 20), 100, pageSize);
      const { page, more, next } = pageOf(items.map(jsmAlertView), offset, size);
      const query = new URLSearchParams(request.query);
      query.set("offset", String(next));
      const links = more ? { next: `/v1/alerts?${query}` } : {};
      return { status: 200, body: { values: page, links, count: items.length } };
    }
    const alert = fake.account.alerts.find((a) => path === `/v1/alerts/${a.id}`);
    if (!alert) return { status: 404, body: { message: "Alert not found" } };
    return {
      status: 200,
      body: {
        ...jsmAlertView(alert),
        description: alert.description ?? "",
        extraProperties: alert.details,
      },
    };
  };
  const server = await startFakeServer(route);
  const fake = Object.assign(server, { account: options.account });
  return fake;
}
