import * as tf from '@tensorflow/tfjs';
import type { DatasetId, Split } from '../engine/data/datasets';
import type { ImageSet } from '../engine/data/format';
import { toFloatImages } from '../engine/data/format';
import { measureAccAndAsr } from '../engine/evaluate';
import { paramsFromLayersFiles } from '../engine/model/layers-format';
import { disposeParams } from '../engine/model/params';
import type { ImportModelEvent, ImportModelRequest } from '../protocol/import-messages';
import { importLayersModel } from '../schema/model-import';
import { parseTrigger } from '../schema/trigger';

const STEPS = 4;

/**
 * Answers 'import-model': checks the folder's files (src/schema/model-import.ts: the message names
 * the file or layer at fault), decodes the canonical weights, and measures clean accuracy and ASR
 * with the chosen trigger and target on the whole test split, the same measurement as the zoo's
 * (src/worker/evaluate.ts). Every tensor is freed before it answers; a refusal is a 'failed' update.
 */
export async function serveImportModel(
  msg: ImportModelRequest,
  loadSplit: (dataset: DatasetId, split: Split) => Promise<ImageSet>,
  post: (event: ImportModelEvent, transfer?: Transferable[]) => void,
): Promise<void> {
  const t0 = performance.now();
  const { requestId } = msg;
  const progress = (phase: string, done: number) => post({ type: 'import-model', requestId, update: { kind: 'progress', phase, done, total: STEPS } });
  const failed = (message: string) => post({ type: 'import-model', requestId, update: { kind: 'failed', message } });
  progress('checking the files', 0);
  const imported = importLayersModel(msg.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
  if (!imported.ok) return failed(imported.message);
  const trigger = parseTrigger(msg.trigger);
  if (!trigger.ok) return failed(`The ${trigger.message}.`);
  if (!Number.isInteger(msg.target) || msg.target < 0 || msg.target > 9) return failed(`The target class is ${msg.target}, expected an integer from 0 to 9.`);
  progress('loading the test split', 1);
  let test: ImageSet;
  try {
    test = await loadSplit(msg.dataset, 'test');
  } catch (err) {
    return failed(`The ${msg.dataset} test split could not be loaded: ${(err as Error).message}`);
  }
  progress('decoding the weights', 2);
  let params;
  try {
    params = paramsFromLayersFiles(imported.arch, imported.modelJson, imported.weights);
  } catch (err) {
    return failed(`The weights could not be decoded: ${(err as Error).message}`);
  }
  try {
    progress('clean and triggered test sets', 3);
    const m = await measureAccAndAsr(imported.arch, params, toFloatImages(test), test.labels, trigger.spec, msg.target);
    const weights = imported.weights.slice();
    post(
      {
        type: 'import-model',
        requestId,
        update: {
          kind: 'done',
          model: {
            arch: imported.arch,
            title: imported.title,
            paramCount: imported.paramCount,
            notes: imported.notes,
            modelJson: JSON.stringify(imported.modelJson),
            weights,
            cleanAccuracy: m.acc,
            attackSuccessRate: m.asr,
            evaluatedOn: { clean: m.cleanCount, poisoned: m.poisonedCount, backend: tf.getBackend() },
            seconds: (performance.now() - t0) / 1000,
          },
        },
      },
      [weights.buffer],
    );
  } finally {
    disposeParams(params);
  }
}
