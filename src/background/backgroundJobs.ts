// Work nobody asks for in a request: sweeps and queues that run every so often, and at once when
// kicked (a batch just created, a message just queued). Each job's own records decide who does a
// piece of work (claimed by insert), so several instances may run the same jobs on one store.

export interface BackgroundJob {
  name: string;
  /** Time between runs when nobody kicks the job. */
  everyMs: number;
  /**
   * Does what is due now; resolves when this round is done. `stopping` is aborted when the jobs
   * stop: a long round (a batch of thousands of rows) ends after the step it is on, and what it
   * left is picked up on the next start.
   */
  run(stopping: AbortSignal): Promise<void>;
}

type ReportFailure = (error: unknown, job: string) => void;

interface Running {
  job: BackgroundJob;
  timer?: NodeJS.Timeout;
  /** The round in progress, so a kick during it runs one more round after, never two at once. */
  round?: Promise<void>;
  again: boolean;
}

export class BackgroundJobs {
  readonly #jobs = new Map<string, Running>();
  #started = false;
  #stopping = new AbortController();

  constructor(private readonly onError: ReportFailure) {}

  add(job: BackgroundJob): void {
    if (this.#jobs.has(job.name)) throw new Error(`background job "${job.name}" added twice`);
    this.#jobs.set(job.name, { job, again: false });
    if (this.#started) this.#schedule(job.name, 0);
  }

  /** Runs every job once now, then each on its interval. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = new AbortController();
    for (const name of this.#jobs.keys()) this.#schedule(name, 0);
  }

  /** Runs the job soon (once the round in progress, if any, is done). */
  kick(name: string): void {
    const running = this.#jobs.get(name);
    if (!running || !this.#started) return;
    if (running.round) {
      running.again = true;
      return;
    }
    this.#schedule(name, 0);
  }

  /** Stops scheduling, tells the rounds in progress to stop after their step, and waits for them. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#stopping.abort();
    const rounds: Array<Promise<void>> = [];
    for (const running of this.#jobs.values()) {
      clearTimeout(running.timer);
      running.timer = undefined;
      if (running.round) rounds.push(running.round);
    }
    await Promise.all(rounds);
  }

  #schedule(name: string, delayMs: number): void {
    const running = this.#jobs.get(name);
    if (!running) return;
    clearTimeout(running.timer);
    running.timer = setTimeout(() => this.#runRound(running), delayMs);
    running.timer.unref();
  }

  #runRound(running: Running): void {
    running.timer = undefined;
    running.again = false;
    running.round = running.job
      .run(this.#stopping.signal)
      .catch((error: unknown) => this.onError(error, running.job.name))
      .finally(() => {
        running.round = undefined;
        if (this.#started) {
          this.#schedule(running.job.name, running.again ? 0 : running.job.everyMs);
        }
      });
  }
}
