import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

// The little HTTP server under each fake incident tool: 127.0.0.1, an ephemeral port,
// a log of every request, and injected failures (rate limits, server errors) that
// answer the next N matching requests before the tool's own routes do.

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  url: string;
  requests: FakeRequest[];
  /** The next `count` requests whose path matches answer `answer` instead. */
  inject(pattern: RegExp, count: number, answer: FakeAnswer): void;
  close(): Promise<void>;
}

export async function startFakeServer(
  route: (request: FakeRequest, server: FakeServer) => FakeAnswer,
): Promise<FakeServer> {
  const injections: { pattern: RegExp; left: number; answer: FakeAnswer }[] = [];
  const fake: FakeServer = {
    url: "",
    requests: [],
    inject: (pattern, count, answer) => injections.push({ pattern, left: count, answer }),
    close: async () => {},
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const request: FakeRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    fake.requests.push(request);
    const injected = injections.find((i) => i.left > 0 && i.pattern.test(request.path));
    if (injected) injected.left--;
    let answer: FakeAnswer;
    try {
      answer = injected?.answer ?? route(request, fake);
    } catch (error) {
      answer = { status: 500, body: { message: String(error) } };
    }
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Offset paging as the tools do it: `size` items from `offset`, and whether more follow. */
export function pageOf<T>(items: readonly T[], offset: number, size: number) {
  const page = items.slice(offset, offset + size);
  return { page, more: offset + page.length < items.length, next: offset + page.length };
}
