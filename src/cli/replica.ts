import type { SelfMetrics } from "../http/self-metrics.ts";
import type { Logger } from "../logger.ts";
import type { Scheduler } from "../sources/scheduler.ts";
import type { Store } from "../store/store.ts";
import type { WriteWatch } from "../store/write-nudge.ts";

// A serving process among replicas: it asks for the lead now and then, runs the collectors
// only while it leads, and (on PostgreSQL) follows the store's write sequence so writes
// that other replicas took in reach its /metrics within a second: at once when a write's
// notification arrives, else at the next short poll.

/** How often the lead is asked for: a dead leader's collectors resume within this. */
const ELECTION_MS = 5_000;
/** How often another replica's writes are looked for when no notification told of them. */
const FOLLOW_MS = 500;

export interface ReplicaOptions {
  store: Store;
  scheduler: Scheduler;
  self: SelfMetrics;
  logger: Pick<Logger, "info" | "error">;
  /** The write sequence number the served snapshot is current to. */
  position: () => Promise<number | undefined>;
  /** Refreshes the snapshot (which catches up with the store first). */
  refresh: () => Promise<void>;
}

export class Replica {
  readonly #options: ReplicaOptions;
  #leading = false;
  #timers: NodeJS.Timeout[] = [];
  #following = false;
  /** A write was announced while following: follow once more when done. */
  #followAgain = false;
  #watch: WriteWatch | undefined;
  #watching: Promise<void> | undefined;

  constructor(options: ReplicaOptions) {
    this.#options = options;
  }

  leading(): boolean {
    return this.#leading;
  }

  /** Asks for the lead once; call before the first snapshot so a leader appends at once. */
  async elect(): Promise<void> {
    const { store, scheduler, self, logger } = this.#options;
    const lead = await store.leadership.tryLead();
    self.leading(lead);
    if (lead === this.#leading) return;
    this.#leading = lead;
    if (lead) {
      logger.info("leading: this process runs the collectors and appends the evidence ledger");
      scheduler.start();
    } else {
      logger.info("following: another replica leads; collectors stopped here");
      await scheduler.stop();
    }
  }

  /** Elects now and then; on PostgreSQL, also follows other replicas' writes. */
  start(): void {
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => void work(), ms);
      timer.unref();
      this.#timers.push(timer);
    };
    every(ELECTION_MS, () =>
      this.elect().catch((error: Error) =>
        this.#options.logger.error("leader election failed", { error: error.message }),
      ),
    );
    if (this.#options.store.backend !== "postgres") return;
    this.#watchWrites();
    every(FOLLOW_MS, () => this.#follow());
    // A listening connection that failed is opened again at the pace of elections.
    every(ELECTION_MS, async () => {
      if (!this.#watch?.alive()) this.#watchWrites();
    });
  }

  /** Listens for other processes' writes; on failure the poll alone follows. */
  #watchWrites(): void {
    const { store, logger } = this.#options;
    if (!store.watchWrites || this.#watching) return;
    // A failed connection is closed for good; a close that fails has nothing left to free.
    this.#watch?.close().catch(() => {});
    this.#watch = undefined;
    this.#watching = store
      .watchWrites(() => void this.#follow())
      .then((watch) => {
        this.#watch = watch;
      })
      .catch((error) => logger.error("listening for writes failed", { error: String(error) }))
      .finally(() => {
        this.#watching = undefined;
      });
  }

  async #follow(): Promise<void> {
    if (this.#following) {
      this.#followAgain = true;
      return;
    }
    this.#following = true;
    try {
      do {
        this.#followAgain = false;
        const [stored, served] = await Promise.all([
          this.#options.store.writeSeq(),
          this.#options.position(),
        ]);
        if (served !== undefined && stored > served) await this.#options.refresh();
      } while (this.#followAgain);
    } catch (error) {
      this.#options.logger.error("following the store failed", { error: String(error) });
    } finally {
      this.#following = false;
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.#watching;
    await this.#watch?.close();
    this.#watch = undefined;
    await this.#options.scheduler.stop();
    await this.#options.store.leadership.resign();
  }
}
