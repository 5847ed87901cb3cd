// Commit lookup over a repository model: which SHAs exist, their ancestry and the pull
// requests they belong to. Built per request because tests mutate the model freely.
import type { FakeCommit, FakePull, FakeRepo } from "./model.ts";
import { time } from "./util.ts";

export class CommitIndex {
  readonly repo: FakeRepo;
  /** Every commit the model knows: default-branch history first, then PR commits. */
  readonly commits = new Map<string, FakeCommit>();
  private readonly onDefault = new Map<string, number>();
  /** Default-branch position each PR branched from (-1 when before the first commit). */
  private readonly branchPoint = new Map<FakePull, number>();
  private readonly pullOf = new Map<string, FakePull>();
  private readonly associated = new Map<string, FakePull[]>();

  constructor(repo: FakeRepo) {
    this.repo = repo;
    repo.commits.forEach((commit, index) => {
      this.commits.set(commit.sha, commit);
      this.onDefault.set(commit.sha, index);
    });
    for (const pull of repo.pulls) {
      for (const commit of pull.commits) {
        if (!this.commits.has(commit.sha)) {
          this.commits.set(commit.sha, commit);
          this.pullOf.set(commit.sha, pull);
        }
        this.associate(commit.sha, pull);
      }
      if (pull.mergeCommitSha !== undefined) this.associate(pull.mergeCommitSha, pull);
    }
  }

  private associate(sha: string, pull: FakePull): void {
    const pulls = this.associated.get(sha) ?? [];
    if (!pulls.includes(pull)) pulls.push(pull);
    this.associated.set(sha, pulls);
  }

  /** Pull requests merged as this commit or containing it, by number. */
  pullsFor(sha: string): FakePull[] {
    return [...(this.associated.get(sha) ?? [])].sort((a, b) => a.number - b.number);
  }

  /** A SHA (full or an unambiguous prefix of 7+), the default branch name, or HEAD. */
  resolve(ref: string): string | undefined {
    const tip = this.repo.commits[this.repo.commits.length - 1]?.sha;
    const branch = ref.replace(/^refs\/heads\//, "");
    if (branch === this.repo.defaultBranch || ref === "HEAD") return tip;
    if (this.commits.has(ref)) return ref;
    if (!/^[0-9a-f]{7,39}$/i.test(ref)) return undefined;
    const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Where a PR's branch left the default branch: its first commit's parent, else by date. */
  private pointOf(pull: FakePull): number {
    let point = this.branchPoint.get(pull);
    if (point !== undefined) return point;
    const first = pull.commits[0];
    const parent = first?.parents?.[0];
    point = parent === undefined ? undefined : this.onDefault.get(parent);
    if (point === undefined) {
      const cutoff = time(first?.authoredAt ?? pull.createdAt);
      point = -1;
      this.repo.commits.forEach((commit, index) => {
        if (time(commit.committedAt) <= cutoff) point = index;
      });
    }
    this.branchPoint.set(pull, point);
    return point;
  }

  /** The commit and all its ancestors, oldest first; undefined for unknown SHAs. */
  lineage(sha: string): FakeCommit[] | undefined {
    const position = this.onDefault.get(sha);
    if (position !== undefined) return this.repo.commits.slice(0, position + 1);
    const pull = this.pullOf.get(sha);
    if (pull === undefined) return undefined;
    const own = pull.commits.findIndex((commit) => commit.sha === sha);
    return [
      ...this.repo.commits.slice(0, this.pointOf(pull) + 1),
      ...pull.commits.slice(0, own + 1),
    ];
  }

  /** Parent SHAs: the model's when given, else the previous commit in the lineage. */
  parents(commit: FakeCommit): string[] {
    if (commit.parents !== undefined) return commit.parents;
    const line = this.lineage(commit.sha);
    const previous = line?.[line.length - 2];
    return previous === undefined ? [] : [previous.sha];
  }
}
