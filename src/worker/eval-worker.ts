/// <reference lib="webworker" />
/*
 * The page's evaluation worker, started by the compute worker for a TSC run (eval-worker-client.ts):
 * its own tfjs backend and copy of the run's eval sets, so that each stage's curve and the models'
 * ACC/ASR are measured on another core while the compute worker fits the next stage.
 */
import type { EvalWorkerReply, EvalWorkerRequest } from './eval-worker-protocol';
import { evalWorkerServer } from './eval-worker-serve';
import { startBackend } from './start-backend';

const scope = self as DedicatedWorkerGlobalScope;
const serve = evalWorkerServer((reply: EvalWorkerReply) => scope.postMessage(reply), startBackend);
scope.onmessage = (ev: MessageEvent<EvalWorkerRequest>) => serve(ev.data);
