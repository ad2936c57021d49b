// Vitest globalSetup: one MongoDB-compatible server for the whole run (each suite takes its own
// database on it), and one line saying which, or why the MongoDB runs are skipped.
import type { TestProject } from 'vitest/node';
import { startMongo } from './mongoServer.js';
import type { MongoTarget } from './mongoTarget.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongo: MongoTarget;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outcome = await startMongo();
  if ('unavailable' in outcome) {
    console.log(`MongoDB store tests SKIPPED: ${outcome.unavailable}`);
    project.provide('mongo', { skipReason: outcome.unavailable });
    return async () => undefined;
  }
  console.log(`MongoDB store tests run on ${outcome.running.source}`);
  project.provide('mongo', { uri: outcome.running.uri });
  return () => outcome.running.stop();
}
