import type { StartResult } from './start-backend';
import type { BackendName } from '../protocol/messages';
import { EvalWorkHandler } from './eval-worker-handler';
import type { EvalWorkerReply, EvalWorkerRequest } from './eval-worker-protocol';

/**
 * The evaluation worker's message handler (eval-worker.ts wires it to `self`): starts its own tfjs
 * backend and builds the run's eval sets on 'start', then answers each request in the order sent, one at
 * a time, skipping those dropped (cancelled) before they began. Apart from the worker so that a unit test
 * can drive it in Node (eval-worker.test.ts).
 */
export function evalWorkerServer(post: (reply: EvalWorkerReply) => void, startBackend: (name: BackendName, threads?: number) => Promise<StartResult>) {
  let handler: EvalWorkHandler | null = null;
  const dropped = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>): void => {
    queue = queue.then(job);
  };

  const serve = (req: EvalWorkerRequest): void => {
    if (req.type === 'drop') {
      dropped.add(req.id);
      return;
    }
    if (req.type === 'start') {
      enqueue(async () => {
        try {
          const started = await startBackend(req.backend, req.threads);
          if (!started.ok) return post({ type: 'started', ok: false, reason: `${req.backend} did not start: ${started.reason}` });
          handler = new EvalWorkHandler(req.spec);
          post({ type: 'started', ok: true, detail: started.detail });
        } catch (err) {
          post({ type: 'started', ok: false, reason: (err as Error)?.message ?? String(err) });
        }
      });
      return;
    }
    enqueue(async () => {
      if (dropped.delete(req.id)) return;
      try {
        if (!handler) throw new Error('the evaluation worker has no eval sets: it was not started');
        post({ type: 'result', id: req.id, ok: true, result: await handler.handle(req) });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        post({ type: 'result', id: req.id, ok: false, name: e.name, message: e.message });
      }
    });
  };
  /** frees the eval sets (a worker's go with it when it is terminated; the unit test shares its backend) */
  const dispose = (): Promise<void> => queue.then(() => handler?.dispose());
  return Object.assign(serve, { dispose });
}
