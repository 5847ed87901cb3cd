// The shapes of the GraphQL fields queries.ts asks for (nullable as GitHub declares them).

export interface GqlActor {
  login: string;
}

export interface GqlPull {
  number: number;
  title: string;
  body?: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  merged: boolean;
  baseRefName: string;
  author: GqlActor | null;
  mergeCommit: { oid: string } | null;
  labels: { nodes: { name: string }[] } | null;
  commits: {
    totalCount: number;
    nodes: { commit: { oid: string; authoredDate: string; committedDate: string } }[];
  };
  reviews: {
    nodes: { author: GqlActor | null; state: string; submittedAt: string | null }[];
  } | null;
  closingIssuesReferences: {
    nodes: { number: number; title: string; url: string; createdAt: string }[];
  } | null;
  files: { totalCount: number; nodes: { path: string }[] } | null;
}

export interface GqlDeploymentStatuses {
  id: string;
  databaseId: number | null;
  statuses: {
    nodes: {
      state: string;
      createdAt: string;
      logUrl: string | null;
      environmentUrl: string | null;
      creator: GqlActor | null;
    }[];
  } | null;
}

export interface GqlCommitChecks {
  oid: string;
  checkSuites: {
    nodes: {
      app: { slug: string | null } | null;
      checkRuns: {
        nodes: {
          name: string;
          status: string;
          conclusion: string | null;
          completedAt: string | null;
          detailsUrl: string | null;
        }[];
      } | null;
    }[];
  } | null;
  status: {
    contexts: { context: string; state: string; createdAt: string; targetUrl: string | null }[];
  } | null;
}

export interface GqlCommitPulls {
  oid: string;
  authoredDate: string;
  committedDate: string;
  messageHeadline: string;
  author: { user: GqlActor | null } | null;
  associatedPullRequests: { nodes: { number: number; merged: boolean; baseRefName: string }[] };
}
