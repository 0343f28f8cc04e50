// Entry of the evaluation thread (src/engine/node/eval-thread.ts): a worker thread does not inherit
// tsx's loader, so it registers it here, then loads the TypeScript module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
