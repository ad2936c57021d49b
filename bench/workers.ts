// Data Integrity signing throughput with the proof workers: BENCH_WORKERS_DOCS (default 2,000)
// OB 3.0 credentials signed with BENCH_WORKERS_IN_FLIGHT (16) at once, on 0 workers (the main
// thread), 1 and 2, in BENCH_WORKERS_ROUNDS (3) rounds, since a shared machine is noisy; and the
// longest the event loop went without running a 10 ms timer meanwhile, which is what requests
// waiting on the same thread feel. Run with `npm run bench:workers`.
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../src/core/json.js';
import { generateEd25519Key, loadKeyPair, type Ed25519KeyPair } from '../src/keys/issuerKey.js';
import { ProofWorkers } from '../src/proofWorkers/proofWorkers.js';

const DOCS = Number(process.env.BENCH_WORKERS_DOCS ?? 2_000);
const IN_FLIGHT = Number(process.env.BENCH_WORKERS_IN_FLIGHT ?? 16);
const ROUNDS = Number(process.env.BENCH_WORKERS_ROUNDS ?? 3);
const SIZES = [0, 1, 2];
const TICK_MS = 10;

function credential(n: number): JsonObject {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `First aid at work ${n}`,
    issuer: { id: 'did:key:z6Mkbench', type: ['Profile'], name: 'Bench issuer' },
    validFrom: '2026-03-01T09:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      id: `did:example:learner-${n}`,
      achievement: {
        id: 'https://bench.example/achievements/first-aid',
        type: ['Achievement'],
        name: 'First aid at work',
        description: 'Gives first aid until help arrives.',
        criteria: { narrative: 'Passed the practical assessment.' },
      },
    },
  };
}

async function signAll(workers: ProofWorkers, keyPair: Ed25519KeyPair, count: number) {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await workers.sign(credential(next++), keyPair);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

async function measure(size: number, keyPair: Ed25519KeyPair) {
  const workers = new ProofWorkers(size);
  try {
    // Every thread started and has learnt the document's shape before the clock runs.
    await signAll(workers, keyPair, Math.max(200, DOCS / 10));
    const started = performance.now();
    let lastTick = started;
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - lastTick);
      lastTick = now;
    }, TICK_MS);
    await signAll(workers, keyPair, DOCS);
    const ended = performance.now();
    clearInterval(ticker);
    longestGap = Math.max(longestGap, ended - lastTick);
    return {
      workers: size,
      threads: workers.threads,
      signaturesPerSecond: Math.round((DOCS * 1000) / (ended - started)),
      longestEventLoopGapMs: Math.round(longestGap),
    };
  } finally {
    await workers.close();
  }
}

const key = await generateEd25519Key();
const keyPair = await loadKeyPair({
  id: 'did:key:z6Mkbench#z6Mkbench',
  controller: 'did:key:z6Mkbench',
  ...key,
});
const ratios: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const perSecond = new Map<number, number>();
  for (const size of SIZES) {
    const result = await measure(size, keyPair);
    perSecond.set(size, result.signaturesPerSecond);
    console.log(JSON.stringify({ round, ...result }));
  }
  ratios.push((perSecond.get(2) ?? 0) / (perSecond.get(1) ?? 1));
}
const sorted = [...ratios].sort((a, b) => a - b);
console.log(
  `2 workers / 1 worker: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} ` +
    `(median ${(sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(2)}x; ` +
    `${DOCS} signatures, ${IN_FLIGHT} in flight)`,
);
