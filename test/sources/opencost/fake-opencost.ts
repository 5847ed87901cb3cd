import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local OpenCost answering GET /cloudCost the way its documentation shows (opencost.io,
// "API" and "API Examples"): {code, data: {sets: [{cloudCosts, window,
// aggregationProperties}], window}}, an item per key with properties, window and the five
// cost metrics, each {cost, kubernetesPercent}.

export interface CloudCostSpec {
  provider?: string;
  accountID?: string;
  invoiceEntityID?: string;
  providerID?: string;
  service?: string;
  category?: string;
  labels?: Record<string, string>;
  /** amortizedNetCost; the other metrics differ on purpose, so reading the wrong one shows. */
  amortizedNetCost: number;
}

export interface FakeOpenCost {
  url: string;
  /** Items per UTC day (YYYY-MM-DD); a day without an entry answers `cloudCosts: null`. */
  days: Map<string, CloudCostSpec[]>;
  /** Days answered with this HTTP status instead. */
  failing: Map<string, number>;
  /** Raw items to answer for a day, shape unchecked. */
  raw: Map<string, unknown>;
  requests: URL[];
  close(): Promise<void>;
}

function item(spec: CloudCostSpec, day: string) {
  const { amortizedNetCost, ...properties } = spec;
  const metric = (cost: number) => ({ cost, kubernetesPercent: 0 });
  return {
    properties: { provider: "GCP", category: "Compute", ...properties },
    window: { start: `${day}T00:00:00Z`, end: `${nextDay(day)}T00:00:00Z` },
    listCost: metric(amortizedNetCost * 3),
    netCost: metric(amortizedNetCost * 2),
    amortizedNetCost: metric(amortizedNetCost),
    invoicedCost: metric(amortizedNetCost * 2),
    amortizedCost: metric(amortizedNetCost * 4),
  };
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function startFakeOpenCost(): Promise<FakeOpenCost> {
  const days = new Map<string, CloudCostSpec[]>();
  const failing = new Map<string, number>();
  const raw = new Map<string, unknown>();
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url);
    const [start = "", end = ""] = (url.searchParams.get("window") ?? "").split(",");
    const day = start.slice(0, 10);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== "/cloudCost") return send(404, { code: 404, message: "not found" });
    const status = failing.get(day);
    if (status !== undefined) return send(status, { code: status, message: "boom" });
    const specs = days.get(day);
    const cloudCosts =
      raw.get(day) ??
      (specs === undefined
        ? null
        : Object.fromEntries(
            specs.map((s, i) => [`${s.accountID ?? "-"}/${s.service ?? i}/${i}`, item(s, day)]),
          ));
    send(200, {
      code: 200,
      data: {
        sets: [{ cloudCosts, window: { start, end }, aggregationProperties: [] }],
        window: { start: "null", end: "null" },
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    days,
    failing,
    raw,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
