/*
 * Saving a tfjs Layers model as the folder model.save('file://…') writes (model.json and its
 * shards), in memory, for scripts/make-model-fixtures.ts; and the seeded initializers its models use.
 */
import * as tf from '@tensorflow/tfjs';

/** One model folder: file name → bytes. */
export type Folder = Map<string, Uint8Array>;

export interface SavedModel {
  modelJson: {
    format: string;
    generatedBy: string;
    convertedBy: null;
    modelTopology: Record<string, unknown>;
    weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string; [k: string]: unknown }[] }[];
  };
  /** every weight, in manifest order, as one buffer */
  weights: Uint8Array;
}

/** A seeded Glorot-uniform kernel and a small seeded uniform bias (a zero bias would hide a bias mix-up). */
export const seeded = (seed: number) => ({
  kernelInitializer: tf.initializers.glorotUniform({ seed }),
  biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 1000 }),
});

/** The artifacts model.save hands its handler, as model.json and one weights buffer. */
export async function saveModel(model: tf.LayersModel): Promise<SavedModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightData || !artifacts.weightSpecs) throw new Error('model.save gave no weights');
  const data = artifacts.weightData;
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: String(artifacts.generatedBy),
      convertedBy: null,
      modelTopology: artifacts.modelTopology as Record<string, unknown>,
      weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs.map((s) => ({ ...s })) }],
    },
    weights: new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data),
  };
}

/** The folder for a saved model: model.json and its weights split into `shards` files (the cuts fall mid-weight on purpose). */
export function folderOf(saved: SavedModel, shards = 1): Folder {
  const paths = Array.from({ length: shards }, (_, i) => `group1-shard${i + 1}of${shards}.bin`);
  const modelJson = { ...saved.modelJson, weightsManifest: saved.modelJson.weightsManifest.map((g) => ({ ...g, paths })) };
  const folder: Folder = new Map([['model.json', new TextEncoder().encode(JSON.stringify(modelJson, null, 1))]]);
  const size = Math.ceil(saved.weights.byteLength / shards);
  paths.forEach((p, i) => folder.set(p, saved.weights.slice(i * size, (i + 1) * size)));
  return folder;
}

/** The float32 index in `weights` where the named weight starts. */
export function weightOffset(saved: SavedModel, name: string): number {
  let offset = 0;
  for (const w of saved.modelJson.weightsManifest.flatMap((g) => g.weights)) {
    if (w.name === name) return offset;
    offset += w.shape.reduce((n, d) => n * d, 1);
  }
  throw new Error(`no weight ${name}`);
}
