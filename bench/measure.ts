export interface Settings {
  iterations: number;
  warmup: number;
}

const DEFAULT_ITERATIONS = 100;

/** BENCH_ITERATIONS overrides the timed count; warm-up scales with it so the JIT settles first. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const raw = env.BENCH_ITERATIONS;
  const iterations = raw === undefined || raw === '' ? DEFAULT_ITERATIONS : Number(raw);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`BENCH_ITERATIONS must be a positive integer, got "${raw}"`);
  }
  return { iterations, warmup: Math.max(5, Math.ceil(iterations / 10)) };
}

/** Sequential calls only: one in flight at a time, so both sides pay the same scheduling cost. */
export async function opsPerSecond(
  op: () => Promise<unknown>,
  settings: Settings,
): Promise<number> {
  for (let i = 0; i < settings.warmup; i++) await op();
  const start = performance.now();
  for (let i = 0; i < settings.iterations; i++) await op();
  return (settings.iterations * 1000) / (performance.now() - start);
}
