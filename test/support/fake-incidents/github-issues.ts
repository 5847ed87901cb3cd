import { createHash } from "node:crypto";
import { type FakeAnswer, type FakeRequest, type FakeServer, startFakeServer } from "./http.ts";

// A fake of GitHub's GET /repos/{owner}/{repo}/issues, the one endpoint the
// github_issues source reads: labels (all of them must match), state, since (updated at
// or after), sort=updated, page/per_page with a Link header, and ETags answered 304.
// Pull requests are listed too, as GitHub lists them, carrying `pull_request`.

export interface FakeIssue {
  repository: string;
  number: number;
  title: string;
  body?: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  pullRequest?: boolean;
}

export function issueView(i: FakeIssue, api: string) {
  const repoUrl = `${api}/repos/${i.repository}`;
  return {
    url: `${repoUrl}/issues/${i.number}`,
    repository_url: repoUrl,
    html_url: `https://github.com/${i.repository}/${i.pullRequest ? "pull" : "issues"}/${i.number}`,
    id: 1000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    title: i.title,
    user: { login: "oncall", id: 7, type: "User" },
    labels: i.labels.map((name, n) => ({ id: n + 1, name, color: "d73a4a", default: false })),
    state: i.closedAt ? "closed" : "open",
    state_reason: i.closedAt ? "completed" : null,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: 0,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt ?? null,
    author_association: "MEMBER",
    body: i.body ?? null,
    ...(i.pullRequest && { pull_request: { url: `${repoUrl}/pulls/${i.number}` } }),
  };
}

function listIssues(request: FakeRequest, fake: FakeGitHubIssues, repository: string): FakeAnswer {
  const labels = (request.query.get("labels") ?? "").split(",").filter(Boolean);
  const since = Date.parse(request.query.get("since") ?? "1970-01-01T00:00:00Z");
  const perPage = Math.min(Number(request.query.get("per_page") ?? 30), 100, fake.pageSize);
  const page = Number(request.query.get("page") ?? 1);
  const selected = fake.issues
    .filter((i) => i.repository.toLowerCase() === repository.toLowerCase())
    .filter((i) => labels.every((l) => i.labels.includes(l)))
    .filter((i) => Date.parse(i.updatedAt) >= since)
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  const items = selected
    .slice((page - 1) * perPage, page * perPage)
    .map((i) => issueView(i, fake.url));
  const body = JSON.stringify(items);
  const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
  if (request.headers["if-none-match"] === etag) return { status: 304, headers: { etag } };
  const headers: Record<string, string> = { etag, "x-ratelimit-remaining": "4999" };
  if (page * perPage < selected.length) {
    const next = new URLSearchParams(request.query);
    next.set("page", String(page + 1));
    headers.link = `<${fake.url}${request.path}?${next}>; rel="next"`;
  }
  return { status: 200, body: items, headers };
}

export interface FakeGitHubIssues extends FakeServer {
  issues: FakeIssue[];
  pageSize: number;
}

export async function startFakeGitHubIssues(options: {
  token: string;
  issues: FakeIssue[];
  pageSize?: number;
}): Promise<FakeGitHubIssues> {
  const route = (request: FakeRequest): FakeAnswer => {
    const auth = request.headers.authorization ?? "";
    if (auth !== `token ${options.token}` && auth !== `bearer ${options.token}`)
      return { status: 401, body: { message: "Bad credentials" } };
    const repository = /^\/repos\/([^/]+\/[^/]+)\/issues$/.exec(request.path)?.[1];
    if (!repository) return { status: 404, body: { message: "Not Found" } };
    return listIssues(request, fake, repository);
  };
  const server = await startFakeServer(route);
  const fake: FakeGitHubIssues = Object.assign(server, {
    issues: options.issues,
    pageSize: options.pageSize ?? 2,
  });
  return fake;
}
