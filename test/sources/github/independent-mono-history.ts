import { commit, pull } from "./independent-fixture.ts";

// acme/mono's main branch and pull requests (the layout is drawn in independent-mono.ts).
// Squash merges: PR #n made commit m<n>; m0 predates the 90-day history.

export const m = (n: number) => `mono/m${n}`;

export const monoCommits = [
  commit(m(0), "Initial monorepo", "03-01T09:00", "ana"),
  commit(m(1), "Add search API PLAT-1 (#1)", "06-02T10:00", "ana"),
  commit(m(2), "Search page PLAT-2 (#2)", "06-03T10:00", "bo"),
  commit(m(3), "Search filters PLAT-3 (#3)", "06-03T10:20", "cy"),
  commit(m(4), "Shared auth client PLAT-4 (#4)", "06-05T10:00", "cy"),
  commit(m(5), "Docs: runbook (#5)", "06-05T12:00", "ana"),
  commit(m(6), "Rate limits PLAT-6 (#6)", "06-08T10:00", "ana"),
  commit(m(7), "Dark mode PLAT-7 (#7)", "06-10T10:00", "bo"),
  commit(m(8), 'Revert "Rate limits PLAT-6" (#8)', "06-12T10:00", "bo"),
  commit(m(9), "Upgrade framework (#9)", "06-26T10:00", "cy"),
];

const API_FILE = "services/api/";
const WEB_FILE = "services/web/";
export const monoPulls = [
  pull({
    number: 1,
    title: "Add search API PLAT-1",
    author: "ana",
    files: [`${API_FILE}search.ts`],
    commits: [
      ["mono/p1a", "06-01T09:00"],
      ["mono/p1b", "06-01T15:00"],
    ],
    merged: ["06-02T10:00", m(1)],
    approvals: [["bo", "06-02T09:00"]],
  }),
  pull({
    number: 2,
    title: "Search page PLAT-2",
    author: "bo",
    files: [`${WEB_FILE}search.tsx`],
    commits: [["mono/p2a", "06-02T12:00"]],
    merged: ["06-03T10:00", m(2)],
    approvals: [["ana", "06-03T09:30"]],
  }),
  pull({
    number: 3,
    title: "Search filters PLAT-3",
    author: "cy",
    files: [`${WEB_FILE}filters.tsx`],
    commits: [["mono/p3a", "05-31T11:00"]],
    merged: ["06-03T10:20", m(3)],
  }),
  pull({
    number: 4,
    title: "Shared auth client PLAT-4",
    author: "cy",
    files: [`${API_FILE}auth.ts`, `${WEB_FILE}auth.ts`],
    commits: [
      ["mono/p4a", "06-04T08:00"],
      ["mono/p4b", "06-04T20:00"],
    ],
    merged: ["06-05T10:00", m(4)],
    approvals: [["ana", "06-05T09:00"]],
  }),
  pull({
    number: 5,
    title: "Docs: runbook",
    author: "ana",
    files: ["docs/runbook.md"],
    commits: [["mono/p5a", "06-05T11:00"]],
    merged: ["06-05T12:00", m(5)],
  }),
  pull({
    number: 6,
    title: "Rate limits PLAT-6",
    author: "ana",
    files: [`${API_FILE}limits.ts`],
    commits: [["mono/p6a", "06-07T10:00"]],
    merged: ["06-08T10:00", m(6)],
    approvals: [["bo", "06-08T11:00"]],
  }),
  pull({
    number: 7,
    title: "Dark mode PLAT-7",
    author: "bo",
    files: [`${WEB_FILE}theme.css`],
    commits: [["mono/p7a", "06-09T10:00"]],
    merged: ["06-10T10:00", m(7)],
    approvals: [["cy", "06-10T09:00"]],
  }),
  pull({
    number: 8,
    title: 'Revert "Rate limits PLAT-6"',
    body: "Reverts acme/mono#6",
    author: "bo",
    files: [`${API_FILE}limits.ts`],
    commits: [["mono/p8a", "06-12T09:00"]],
    merged: ["06-12T10:00", m(8)],
    approvals: [["ana", "06-12T09:30"]],
  }),
  pull({
    number: 9,
    title: "Upgrade framework",
    author: "cy",
    files: [`${API_FILE}package.json`, `${WEB_FILE}package.json`],
    commits: [["mono/p9a", "06-25T10:00"]],
    merged: ["06-26T10:00", m(9)],
    approvals: [["ana", "06-26T09:00"]],
  }),
  pull({
    number: 10,
    title: "Abandoned experiment",
    author: "ana",
    files: [`${API_FILE}experiment.ts`],
    commits: [["mono/p10a", "06-19T10:00"]],
    closed: "06-20T10:00",
  }),
];
