// Case-insensitive label membership (METRICS.md decision 4). Labels come from a small
// vocabulary repeated over hundreds of thousands of changes, so each distinct spelling
// is lower-cased and looked up once.

export class LabelSet {
  private readonly lowered: Set<string>;
  private readonly memo = new Map<string, boolean>();

  constructor(lowercaseLabels: Set<string>) {
    this.lowered = lowercaseLabels;
  }

  has(label: string): boolean {
    let known = this.memo.get(label);
    if (known === undefined) {
      known = this.lowered.has(label.toLowerCase());
      this.memo.set(label, known);
    }
    return known;
  }

  matchesAny(labels: readonly string[]): boolean {
    return this.firstMatch(labels) !== undefined;
  }

  /** The first label in the set, as spelled on the item (explanations name it). */
  firstMatch(labels: readonly string[]): string | undefined {
    for (const label of labels) if (this.has(label)) return label;
    return undefined;
  }
}

/** Lower-cases names (authors, approvers) from a small set once each, per analysis. */
export class CaseFold {
  private readonly memo = new Map<string, string>();

  lower(text: string): string {
    let folded = this.memo.get(text);
    if (folded === undefined) {
      folded = text.toLowerCase();
      this.memo.set(text, folded);
    }
    return folded;
  }
}
