// GraphQL documents, written against GitHub's schema. Each batches many objects through
// aliases, so one request replaces a REST call per pull request, deployment or commit.

const PULL_FIELDS = `
  number title body url createdAt updatedAt mergedAt merged baseRefName
  author { login }
  mergeCommit { oid }
  labels(first: 50) { nodes { name } }
  commits(first: 100) { totalCount nodes { commit { oid authoredDate committedDate } } }
  reviews(first: 100, states: [APPROVED]) { nodes { author { login } state submittedAt } }
  closingIssuesReferences(first: 25) { nodes { number title url createdAt } }
  files(first: 100) { totalCount nodes { path } }`;

/** Pull requests by number: aliases p0, p1, … in the order given. */
export function pullsQuery(numbers: readonly number[]): string {
  const fields = numbers.map((n, i) => `p${i}: pullRequest(number: ${n}) { ${PULL_FIELDS} }`);
  return `query($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ${fields.join("\n")} }
  }`;
}

/** Statuses of deployments by node id (only their first success matters). */
export const DEPLOYMENT_STATUSES_QUERY = `query($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Deployment {
      id databaseId
      statuses(first: 100) { nodes { state createdAt logUrl environmentUrl creator { login } } }
    }
  }
}`;

/** Check runs and commit statuses of commits: aliases c0, c1, … in the order given. */
export function commitChecksQuery(shas: readonly string[]): string {
  const fields = shas.map(
    (sha, i) => `c${i}: object(oid: "${sha}") { ... on Commit {
      oid
      checkSuites(first: 50) { nodes { app { slug } checkRuns(first: 100) {
        nodes { name status conclusion completedAt detailsUrl } } } }
      status { contexts { context state createdAt targetUrl } }
    } }`,
  );
  return `query($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ${fields.join("\n")} }
  }`;
}

/** The merged pull requests that contain each commit: aliases c0, c1, … */
export function commitPullsQuery(shas: readonly string[]): string {
  const fields = shas.map(
    (sha, i) => `c${i}: object(oid: "${sha}") { ... on Commit {
      oid authoredDate committedDate messageHeadline author { user { login } }
      associatedPullRequests(first: 5) { nodes { number merged baseRefName } }
    } }`,
  );
  return `query($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ${fields.join("\n")} }
  }`;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
