export interface Settings {
  iterations: number;
  warmup: number;
  /** Seconds each HTTP load cell runs. */
  seconds: number;
  /** Numbers of stored credentials the scaling curve is measured at. */
  sizes: number[];
  /** Requests per measure at each size of the scaling curve. */
  scalingTimes: number;
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

function sizes(env: Record<string, string | undefined>): number[] {
  const raw = env.BENCH_SIZES;
  if (raw === undefined || raw === '') return [1000, 10000, 100000];
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 2)) {
    throw new Error(
      `BENCH_SIZES must be whole numbers of at least 2, comma-separated, got "${raw}"`,
    );
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

/**
 * BENCH_ITERATIONS: timed calls per in-process operation (warm-up scales with it);
 * BENCH_DURATION: seconds per HTTP load cell; BENCH_SIZES: credential counts of the scaling
 * curve; BENCH_SCALING_TIMES: requests per scaling measure.
 */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const iterations = positiveInteger(env, 'BENCH_ITERATIONS', 1000);
  return {
    iterations,
    warmup: Math.max(20, Math.ceil(iterations / 10)),
    seconds: positiveInteger(env, 'BENCH_DURATION', 5),
    sizes: sizes(env),
    scalingTimes: positiveInteger(env, 'BENCH_SCALING_TIMES', 50),
  };
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
