import { expect, test } from "vitest";
import type { Change } from "../../../src/domain/records.ts";
import {
  type ChangeIndex,
  parseRef,
  refsInText,
  resolveAll,
} from "../../../src/sources/experiments/change-refs.ts";
import { changeRefsOf } from "../../../src/sources/growthbook/link.ts";

// References to changes as people write them, resolved against stored changes.

const change = (id: string, extra: Partial<Change> = {}): Change => ({
  id,
  service: "checkout",
  mergedAt: 0,
  labels: [],
  commits: [],
  linkedItems: [],
  approvals: [],
  ...extra,
});
const index: ChangeIndex = {
  changes: [
    change("acme/checkout#311", { mergeCommitSha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904" }),
    change("acme/mono#5@web"),
    change("acme/mono#5@api"),
    change("acme/web#311"),
    change("acme/checkout@9fceb02d0ae598e95dc970b74767f19372d61af8"),
    change("PAY-77", { url: "https://github.example.com/acme/legacy/pull/12" }),
  ],
  repositories: new Map([
    ["acme/checkout", "acme/checkout"],
    ["acme/newrepo", "Acme/NewRepo"],
  ]),
};
const resolve = (...refs: string[]) => resolveAll(refs, index);

test("the forms a reference takes", () => {
  expect(parseRef(" https://github.com/acme/checkout/pull/311/ ")).toMatchObject({
    kind: "pull",
    repository: "acme/checkout",
    number: 311,
  });
  expect(parseRef("acme/checkout#311")).toEqual({
    kind: "pull",
    repository: "acme/checkout",
    number: 311,
  });
  expect(parseRef("#311")).toEqual({ kind: "pull", number: 311 });
  expect(parseRef("9FCEB02")).toEqual({ kind: "commit", sha: "9fceb02" });
  expect(parseRef("change:311")).toEqual({ kind: "change", id: "311" });
  expect(parseRef("PAY-77")).toEqual({ kind: "change", id: "PAY-77" });
});

test("pull requests by URL, qualified or bare number; ambiguity and monorepos are refused", () => {
  expect(resolve("https://github.com/acme/checkout/pull/311")).toEqual({
    changeId: "acme/checkout#311",
  });
  expect(resolve("ACME/Checkout#311")).toEqual({ changeId: "acme/checkout#311" });
  expect(resolve("#311")).toEqual({ problem: expect.stringMatching(/#311 matches 2 changes/) });
  expect(resolve("acme/mono#5")).toEqual({ problem: expect.stringMatching(/matches 2 changes/) });
  // An imported change whose id is not owner/repo#N is found by its URL.
  expect(resolve("https://github.example.com/acme/legacy/pull/12")).toEqual({ changeId: "PAY-77" });
  // Not stored yet: the id it will have, in the catalogue's spelling.
  expect(resolve("acme/newrepo#9")).toEqual({ changeId: "Acme/NewRepo#9" });
  expect(resolve("#404")).toEqual({
    problem: expect.stringMatching(/no stored change is pull request #404/),
  });
});

test("commits by merge commit, a commit of the change, or a direct push", () => {
  expect(resolve("4b825dc6")).toEqual({ changeId: "acme/checkout#311" });
  expect(resolve("9fceb02")).toEqual({
    changeId: "acme/checkout@9fceb02d0ae598e95dc970b74767f19372d61af8",
  });
  expect(resolve("deadbeef")).toEqual({ problem: "no stored change contains commit deadbeef" });
});

test("several references must agree on one change", () => {
  expect(resolve("acme/checkout#311", "4b825dc")).toEqual({ changeId: "acme/checkout#311" });
  expect(resolve("acme/checkout#311", "PAY-77")).toEqual({
    problem: "references 2 different changes (acme/checkout#311, PAY-77)",
  });
  expect(resolve()).toEqual({ problem: "no change reference" });
});

test("GrowthBook: the config map beats tags, tags beat the description; prose numbers are not links", () => {
  const experiment = {
    id: "exp_1",
    trackingKey: "hero",
    status: "stopped",
    tags: ["payments", "PR: acme/web#77"],
    linkedFeatures: ["new-hero"],
    description: "Ships in https://github.com/acme/web/pull/80; see #12 and commit deadbeef.",
    variations: [],
  };
  expect(changeRefsOf(experiment, { "new-hero": "acme/web#81" })).toEqual({
    refs: ["acme/web#81"],
    from: "config",
  });
  expect(changeRefsOf(experiment, {})).toEqual({ refs: ["acme/web#77"], from: "tags" });
  expect(changeRefsOf({ ...experiment, tags: [] }, {})).toEqual({
    refs: ["https://github.com/acme/web/pull/80"],
    from: "description",
  });
  expect(refsInText("see acme/web#80, and acme/web#80 again")).toEqual(["acme/web#80"]);
});
