// The HTTP side: reads each request whole, applies injected faults, checks SigV4 and the
// payload hash, routes, and logs method/path/query/status for the test to inspect.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Bucket } from "./bucket.ts";
import { checkPayloadHash } from "./payload.ts";
import { route } from "./routes.ts";
import { type Credentials, decodeComponent } from "./sigv4-canonical.ts";
import { verifySigV4 } from "./sigv4-check.ts";
import { errorReply, newRequestId, S3Error, type S3Reply } from "./xml.ts";

export interface RequestRecord {
  method: string;
  /** Percent-decoded path, e.g. "/bucket/a b.txt". */
  path: string;
  /** Query string as sent, without '?'. */
  query: string;
  status: number;
}

export interface Faults {
  remaining: number;
  status: number;
}

export interface ServerState {
  bucket: Bucket;
  credentials: Credentials;
  requests: RequestRecord[];
  faults: Faults;
}

function faultError(status: number): S3Error {
  if (status === 503) return new S3Error(503, "SlowDown", "Please reduce your request rate.");
  if (status === 500) {
    return new S3Error(500, "InternalError", "We encountered an internal error. Please try again.");
  }
  return new S3Error(status, "InjectedFault", `Failure injected with failNext (HTTP ${status})`);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Incoming {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

function answer(state: ServerState, incoming: Incoming): S3Reply {
  if (state.faults.remaining > 0) {
    state.faults.remaining -= 1;
    throw faultError(state.faults.status);
  }
  const { method, rawPath, rawQuery, headers, body } = incoming;
  verifySigV4({ method, rawPath, rawQuery, headers }, state.credentials);
  checkPayloadHash(headers, body);
  return route(state.bucket, { method, path: decodeComponent(rawPath), rawQuery, headers, body });
}

function send(response: ServerResponse, reply: S3Reply, requestId: string): void {
  const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.from(reply.body);
  response.statusCode = reply.status;
  response.setHeader("x-amz-request-id", requestId);
  response.setHeader("server", "FakeS3");
  for (const [name, value] of Object.entries(reply.headers ?? {})) response.setHeader(name, value);
  if (reply.status !== 204 && !response.hasHeader("content-length")) {
    response.setHeader("content-length", body.length);
  }
  response.end(body);
}

function decodedOrRaw(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? "GET";
  const url = req.url ?? "/";
  const mark = url.indexOf("?");
  const rawPath = mark < 0 ? url : url.slice(0, mark);
  const rawQuery = mark < 0 ? "" : url.slice(mark + 1);
  const requestId = newRequestId();
  let reply: S3Reply;
  try {
    const body = await readBody(req);
    reply = answer(state, { method, rawPath, rawQuery, headers: req.headers, body });
  } catch (error) {
    const s3Error =
      error instanceof S3Error ? error : new S3Error(500, "InternalError", String(error));
    reply = errorReply(s3Error, decodedOrRaw(rawPath), requestId);
  }
  state.requests.push({
    method,
    path: decodedOrRaw(rawPath),
    query: rawQuery,
    status: reply.status,
  });
  send(res, reply, requestId);
}

export function createS3Server(state: ServerState): Server {
  return createServer((req, res) => {
    void handle(state, req, res);
  });
}
