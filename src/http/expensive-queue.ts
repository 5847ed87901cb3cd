import type { NextFunction, Request, RequestHandler, Response } from "express";

// One bounded queue for the requests that cost seconds of work (reports in any format,
// explanations): a few run at once, a few more wait, and beyond that, or beyond a client's
// share, the answer is 503 with Retry-After. A request whose client has gone is dropped
// before its turn, and a running handler sees the disconnect in res.locals.signal. Scrapes
// and probes never enter it (decision 154).

export interface QueueLimits {
  /** Expensive requests handled at once. */
  running: number;
  /** Requests waiting for a turn; one more is refused. */
  waiting: number;
  /** Running plus waiting requests of one client (by address). */
  perClient: number;
  retryAfterSeconds: number;
}

/** Whether the client of a queued request has gone: its handler may skip what remains. */
export function clientSignal(res: Response): AbortSignal | undefined {
  return res.locals.signal as AbortSignal | undefined;
}

export const EXPENSIVE_LIMITS: QueueLimits = {
  running: 2,
  waiting: 8,
  perClient: 2,
  retryAfterSeconds: 10,
};

type Waiter = () => void;

export class ExpensiveQueue {
  readonly #limits: QueueLimits;
  readonly #waiting: Waiter[] = [];
  readonly #perClient = new Map<string, number>();
  #running = 0;

  constructor(limits: QueueLimits = EXPENSIVE_LIMITS) {
    this.#limits = limits;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * The handler, run when its turn comes. Its slot is held until the handler returns, even
   * when the client has gone: work that cannot stop mid-way still occupies the server.
   */
  guard(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
    return async (req: Request, res: Response, next: NextFunction) => {
      const client = req.socket.remoteAddress ?? "unknown";
      const refusal = this.#refusal(client);
      if (refusal) {
        const seconds = this.#limits.retryAfterSeconds;
        res.setHeader("Retry-After", String(seconds));
        res.status(503).json({ error: `${refusal}; try again in ${seconds} s` });
        return;
      }
      const gone = new AbortController();
      res.locals.signal = gone.signal;
      // "close" fires when the answer is sent, and when the client goes away first.
      res.once("close", () => {
        if (!res.writableFinished) gone.abort(new Error("the client went away"));
      });
      this.#perClient.set(client, (this.#perClient.get(client) ?? 0) + 1);
      try {
        if (!(await this.#turn(gone.signal))) return;
        try {
          await handler(req, res);
        } finally {
          this.#running--;
          this.#next();
        }
      } catch (error) {
        next(error);
      } finally {
        const left = (this.#perClient.get(client) ?? 1) - 1;
        if (left === 0) this.#perClient.delete(client);
        else this.#perClient.set(client, left);
      }
    };
  }

  /** Resolves true when this request may run, false when its client left while waiting. */
  #turn(gone: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter = () => {
        gone.removeEventListener("abort", leave);
        this.#running++;
        resolve(true);
      };
      const leave = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        resolve(false);
      };
      gone.addEventListener("abort", leave, { once: true });
      this.#waiting.push(waiter);
      this.#next();
    });
  }

  #refusal(client: string): string | undefined {
    if ((this.#perClient.get(client) ?? 0) >= this.#limits.perClient)
      return `${this.#limits.perClient} expensive requests (reports, explanations) from this client are already running or waiting`;
    if (this.#waiting.length >= this.#limits.waiting && this.#running >= this.#limits.running)
      return `${this.#limits.waiting} expensive requests (reports, explanations) are already waiting`;
    return undefined;
  }

  #next(): void {
    while (this.#running < this.#limits.running && this.#waiting.length > 0)
      this.#waiting.shift()?.();
  }
}
