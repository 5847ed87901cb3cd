// Squash-merged pull requests: each adds one merge commit to the default branch, in merge
// order, so the repository's history stays linear.
import type { FakeCommit, FakePull, FakeRepo } from "../model.ts";
import { DAY, HOUR, iso, MINUTE, PEOPLE, type Random, type Window } from "./common.ts";

const LABELS: readonly string[][] = [
  ["feature"],
  ["bug"],
  ["chore"],
  ["hotfix"],
  ["feature", "api"],
];
const FILES: readonly string[] = Array.from({ length: 40 }, (_, i) => `src/module-${i}.ts`);

function branchCommits(rng: Random, opened: number, merged: number, author: string, n: number) {
  const commits: FakeCommit[] = [];
  for (let c = rng.int(1, 4); c > 0; c--) {
    const at = iso(rng.between(opened - 2 * HOUR, merged - MINUTE));
    commits.push({
      sha: rng.hex(40),
      message: `Work on #${n}`,
      authoredAt: at,
      committedAt: at,
      author,
    });
  }
  return commits.sort((a, b) => a.authoredAt.localeCompare(b.authoredAt));
}

function files(rng: Random): string[] {
  const picked = new Set<string>();
  for (let k = rng.int(1, 5); k > 0; k--) picked.add(rng.pick(FILES));
  return [...picked];
}

export function syntheticPulls(rng: Random, repo: FakeRepo, count: number, w: Window): void {
  const mergeTimes = Array.from({ length: count }, () => rng.between(w.start + HOUR, w.end - HOUR));
  mergeTimes.sort((a, b) => a - b);
  mergeTimes.forEach((mergedMs, i) => {
    const number = i + 1;
    const author = rng.pick(PEOPLE);
    const openedMs = Math.max(w.start, mergedMs - rng.spread(20 * MINUTE, 10 * DAY));
    const commits = branchCommits(rng, openedMs, mergedMs, author, number);
    const title = `Change ${number} in ${repo.name}`;
    const merged = iso(mergedMs);
    const sha = rng.hex(40);
    const message = `${title} (#${number})`;
    repo.commits.push({ sha, message, authoredAt: merged, committedAt: merged, author });
    let reviewer = rng.pick(PEOPLE);
    if (reviewer === author)
      reviewer = PEOPLE[(PEOPLE.indexOf(author) + 1) % PEOPLE.length] as string;
    const issue = {
      number: 10_000 + number,
      title: `Issue ${number}`,
      createdAt: iso(openedMs - DAY),
    };
    const pull: FakePull = {
      number,
      title,
      author,
      createdAt: iso(openedMs),
      updatedAt: merged,
      closedAt: merged,
      mergedAt: merged,
      base: repo.defaultBranch,
      headSha: (commits[commits.length - 1] as FakeCommit).sha,
      mergeCommitSha: sha,
      labels: rng.pick(LABELS),
      commits,
      reviews: [
        { author: reviewer, state: "APPROVED", submittedAt: iso(rng.between(openedMs, mergedMs)) },
      ],
      closingIssues: rng.chance(0.4) ? [issue] : [],
      files: files(rng),
    };
    repo.pulls.push(pull);
  });
}
