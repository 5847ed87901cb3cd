// The subset of GitHub's GraphQL schema the exporter queries, names and nullability as in
// GitHub's real schema, so queries that work here are valid against api.github.com.
import { buildSchema } from "graphql";

export const SDL = /* GraphQL */ `
  type Query {
    repository(owner: String!, name: String!): Repository
    nodes(ids: [ID!]!): [Node]!
    rateLimit: RateLimit
  }
  type RateLimit { cost: Int! limit: Int! remaining: Int! used: Int! resetAt: String! }
  interface Node { id: ID! }
  interface Actor { login: String! }
  type User implements Actor { login: String! }
  type Repository implements Node {
    id: ID!
    nameWithOwner: String!
    pullRequest(number: Int!): PullRequest
    object(oid: String, expression: String): Commit
  }
  type PullRequest implements Node {
    id: ID!
    number: Int!
    title: String!
    body: String
    url: String!
    createdAt: String!
    updatedAt: String!
    mergedAt: String
    merged: Boolean!
    baseRefName: String!
    author: Actor
    mergeCommit: Commit
    labels(first: Int!): LabelConnection
    commits(first: Int!): PullRequestCommitConnection!
    reviews(first: Int!, states: [PullRequestReviewState!]): PullRequestReviewConnection
    closingIssuesReferences(first: Int!): IssueConnection
    files(first: Int!): PullRequestChangedFileConnection
  }
  type LabelConnection { totalCount: Int! nodes: [Label!]! }
  type Label { name: String! }
  type PullRequestCommitConnection { totalCount: Int! nodes: [PullRequestCommit!]! }
  type PullRequestCommit { commit: Commit! }
  type GitActor { name: String email: String date: String user: User }
  type Commit implements Node {
    id: ID!
    oid: String!
    message: String!
    messageHeadline: String!
    authoredDate: String!
    committedDate: String!
    author: GitActor
    associatedPullRequests(first: Int!): PullRequestConnection!
    checkSuites(first: Int!): CheckSuiteConnection
    status: Status
  }
  type PullRequestConnection { totalCount: Int! nodes: [PullRequest!]! }
  enum PullRequestReviewState { PENDING COMMENTED APPROVED CHANGES_REQUESTED DISMISSED }
  type PullRequestReviewConnection { totalCount: Int! nodes: [PullRequestReview!]! }
  type PullRequestReview { author: Actor state: PullRequestReviewState! submittedAt: String }
  type IssueConnection { totalCount: Int! nodes: [Issue!]! }
  type Issue { number: Int! title: String! url: String! createdAt: String! }
  type PullRequestChangedFileConnection { totalCount: Int! nodes: [PullRequestChangedFile!]! }
  type PullRequestChangedFile { path: String! }
  type CheckSuiteConnection { totalCount: Int! nodes: [CheckSuite!]! }
  type CheckSuite { app: App checkRuns(first: Int!): CheckRunConnection }
  type App { slug: String name: String }
  type CheckRunConnection { totalCount: Int! nodes: [CheckRun!]! }
  enum CheckStatusState { QUEUED IN_PROGRESS COMPLETED WAITING PENDING REQUESTED }
  enum CheckConclusionState {
    ACTION_REQUIRED TIMED_OUT CANCELLED FAILURE SUCCESS NEUTRAL SKIPPED STARTUP_FAILURE STALE
  }
  type CheckRun {
    name: String!
    status: CheckStatusState!
    conclusion: CheckConclusionState
    startedAt: String
    completedAt: String
    detailsUrl: String
  }
  enum StatusState { EXPECTED ERROR FAILURE PENDING SUCCESS }
  type Status { contexts: [StatusContext!]! }
  type StatusContext { context: String! state: StatusState! createdAt: String! targetUrl: String }
  enum DeploymentStatusState { PENDING SUCCESS FAILURE INACTIVE ERROR QUEUED IN_PROGRESS WAITING }
  type Deployment implements Node {
    id: ID!
    databaseId: Int
    environment: String
    commitOid: String!
    createdAt: String!
    creator: Actor
    statuses(first: Int!): DeploymentStatusConnection
  }
  type DeploymentStatusConnection { totalCount: Int! nodes: [DeploymentStatus!]! }
  type DeploymentStatus {
    state: DeploymentStatusState!
    createdAt: String!
    description: String
    logUrl: String
    environmentUrl: String
    creator: Actor
  }
`;

export const schema = buildSchema(SDL);
