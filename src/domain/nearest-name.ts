// The known field an unknown one was probably meant to be: an operator who writes
// "stauts" or "commit_sha" is told the name the format uses, and nothing is offered
// when no known name is close (a wrong guess would mislead more than none).

/** Case, underscores and hyphens carry no meaning for a guess: commit_sha is commitSha. */
const folded = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

/** Edits (insert, delete, substitute, swap two neighbours) turning a into b. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  return at(a.length, b.length);
}

/** Short names tolerate one edit, longer ones two: "id" is not a typo of "by". */
const tolerance = (name: string) => (name.length >= 6 ? 2 : 1);

/** The closest of known to name, or undefined when none is within tolerance; ties go to the first. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  const typed = folded(name);
  for (const candidate of known) {
    const meant = folded(candidate);
    // Lengths further apart than the tolerance can never be close: skipping them keeps a
    // hostile megabyte-long key from costing a megabyte-sized distance table per name.
    if (Math.abs(typed.length - meant.length) > tolerance(candidate)) continue;
    const distance = editDistance(typed, meant);
    if (distance > tolerance(candidate)) continue;
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  return best?.name;
}
