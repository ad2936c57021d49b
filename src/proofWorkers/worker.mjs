// Entry of the proof worker threads. A worker starts as plain Node, whether the app runs under
// vitest or `node --import tsx`, so the TypeScript module is loaded through tsx's loader, scoped
// to this thread's imports.
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'proof-worker' });
const { runWorkerTask } = await tsx.import('./workerTask.ts', import.meta.url);

export default runWorkerTask;
