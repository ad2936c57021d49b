// Entry of the proof-checking worker threads. Workers start as plain Node, so the TypeScript
// module is loaded through tsx's loader, scoped to this thread's imports.
import { register } from 'tsx/esm/api';

const tsx = register({ namespace: 'proof-worker' });
const { checkProofTask } = await tsx.import('./checkProofTask.ts', import.meta.url);

export default checkProofTask;
