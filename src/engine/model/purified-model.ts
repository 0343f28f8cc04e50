import type { Trace } from '../trace';
import type { ArchId } from './arch';
import { toLayersFiles, type SavedModelFiles } from './layers-format';
import type { Params } from './params';

/** What model.json's userDefinedMetadata says about an exported defense output: which run made it, and what it measured. */
export interface PurifiedModelMetadata {
  traceVersion: number;
  model: string;
  defense: string;
  settings: Trace['settings'];
  backend: string;
  /** ACC/ASR of the zoo model and of this output, on `testSet` images */
  before: Trace['before'];
  after: Trace['after'];
  testSet: Trace['testSet'];
}

export const METADATA_KEY = 'tscVisualizer';

/**
 * A defense's output in the standard tfjs Layers files (model.json + one weights shard) that
 * `tf.loadLayersModel` reads; the run's measured ACC/ASR travel in model.json. `params` is not consumed.
 */
export async function purifiedModelFiles(arch: ArchId, params: Params, trace: Trace, weightsFileName: string): Promise<SavedModelFiles> {
  const files = await toLayersFiles(arch, params, weightsFileName);
  const { version, model, defense, settings, backend, before, after, testSet } = trace;
  const metadata: PurifiedModelMetadata = { traceVersion: version, model, defense, settings, backend, before, after, testSet };
  return { ...files, modelJson: { ...files.modelJson, userDefinedMetadata: { [METADATA_KEY]: metadata as unknown as object } } };
}
