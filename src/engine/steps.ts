// Long computations are written as generators that yield between steps, so one code path
// serves both a one-shot command (run to the end at once) and a serving process (hand the
// event loop back between steps, so a scrape waits for one step, never the whole run).

export type Steps<T> = Generator<void, T>;

/** Runs every step at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Resolves once the I/O waiting now (a scrape, say) has been served. */
export const handBack = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the steps, pausing between them (by default until pending I/O has been served). */
export async function finishSliced<T>(
  steps: Steps<T>,
  pause: () => Promise<void> = handBack,
): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
