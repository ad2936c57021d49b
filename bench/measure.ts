export interface Settings {
  iterations: number;
  warmup: number;
  /** Seconds each HTTP load cell runs. */
  seconds: number;
}

const DEFAULT_ITERATIONS = 1000;

/** BENCH_ITERATIONS overrides the timed count (warm-up scales with it), BENCH_SECONDS each HTTP cell. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const raw = env.BENCH_ITERATIONS;
  const iterations = raw === undefined || raw === '' ? DEFAULT_ITERATIONS : Number(raw);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`BENCH_ITERATIONS must be a positive integer, got "${raw}"`);
  }
  const rawSeconds = env.BENCH_SECONDS;
  const seconds = rawSeconds === undefined || rawSeconds === '' ? 5 : Number(rawSeconds);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new Error(`BENCH_SECONDS must be a positive integer, got "${rawSeconds}"`);
  }
  return { iterations, warmup: Math.max(20, Math.ceil(iterations / 10)), seconds };
}

/** Sequential calls only: one in flight at a time, so both sides pay the same scheduling cost. */
export async function repeat(op: () => Promise<unknown>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await op();
}

export async function opsPerSecond(
  op: () => Promise<unknown>,
  iterations: number,
): Promise<number> {
  const start = performance.now();
  await repeat(op, iterations);
  return (iterations * 1000) / (performance.now() - start);
}
