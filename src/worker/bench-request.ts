import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../engine/model/params';
import type { BenchRequest, BenchSizes, WorkerEvent } from '../protocol/messages';
import { BENCH_MEASURES, measure, prepareModel, type PreparedModel } from './bench-measure';
import { imageSet, loadZooParams } from './model-io';
import { startBackend } from './start-backend';

/**
 * Serves a 'bench' request (scripts/bench-browser.ts) in a worker of its own: starts the asked
 * backend, loads each model and its splits the way a run does (src/worker/model-io.ts), and posts
 * every figure as it is measured. Loaded on demand by src/worker/compute.worker.ts, so a page that
 * never benchmarks never downloads it.
 */
export async function serveBench(msg: BenchRequest, post: (event: WorkerEvent) => void): Promise<void> {
  const { requestId } = msg;
  const started = await startBackend(msg.backend, msg.threads);
  if (!started.ok) throw new Error(`${msg.backend} did not start: ${started.reason}`);
  post({ type: 'bench', requestId, update: { kind: 'started', backend: msg.backend, detail: started.detail, threads: started.threads } });
  const models: { model: PreparedModel; sizes: BenchSizes }[] = [];
  try {
    for (const { entry, files, sizes } of msg.models) {
      const [train, test] = await Promise.all([imageSet(msg.dataBaseUrl, entry.dataset, 'train'), imageSet(msg.dataBaseUrl, entry.dataset, 'test')]);
      const params = await loadZooParams(entry, files);
      models.push({ model: prepareModel({ id: entry.id, arch: entry.arch, params, attack: entry.attack, target: entry.target, train, test }), sizes });
    }
    // measure by measure, so that a backend stopped for time has its cheap figures on every model
    for (const which of BENCH_MEASURES)
      for (const { model, sizes } of models) {
        const row = await measure(model, which, sizes);
        if (row) post({ type: 'bench', requestId, update: { kind: 'row', row } });
      }
  } finally {
    for (const { model } of models) disposeParams(model.params);
  }
  post({ type: 'bench', requestId, update: { kind: 'done', numTensors: tf.memory().numTensors } });
}
