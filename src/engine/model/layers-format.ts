import * as tf from '@tensorflow/tfjs';
import { defined } from '../defined';
import { archInfo, type ArchId } from './arch';
import type { Params } from './params';

/**
 * The zoo's on-disk format is TensorFlow.js's standard Layers format (model.json with a
 * weights manifest + one .bin shard), so any tfjs user can `tf.loadLayersModel` it.
 * The engine itself reads the weights functionally (no Layers objects at run time).
 */

/** The Layers model equivalent to `forward(arch, ·)`; layer names give the weight names. */
export function buildLayersModel(arch: ArchId): tf.Sequential {
  const info = archInfo(arch);
  const m = tf.sequential();
  for (const [i, l] of info.layers.entries()) {
    // Only the first layer names the input; a linear last layer leaves `activation` out (Keras's default).
    const input = i === 0 ? { inputShape: info.inputShape } : {};
    const activation = 'relu' in l && l.relu ? { activation: 'relu' as const } : {};
    if (l.kind === 'dense') m.add(tf.layers.dense({ name: l.name, units: l.units, ...activation, ...input }));
    else if (l.kind === 'conv')
      m.add(tf.layers.conv2d({ name: l.name, filters: l.filters, kernelSize: l.kernel, padding: l.padding, ...activation, ...input }));
    else if (l.kind === 'pool') m.add(tf.layers.maxPooling2d({ name: l.name, poolSize: 2 }));
    else m.add(tf.layers.flatten({ name: l.name }));
  }
  return m;
}

export interface SavedModelFiles {
  /** contents of model.json */
  modelJson: tf.io.ModelJSON;
  /** contents of the single weights shard named in modelJson */
  weights: Uint8Array;
  weightsFileName: string;
}

/** Serialises params to the standard files (logits output, no softmax layer). */
export async function toLayersFiles(arch: ArchId, params: Params, weightsFileName = 'weights.bin'): Promise<SavedModelFiles> {
  const model = buildLayersModel(arch);
  model.setWeights(archInfo(arch).params.map((p) => params[p.name]));
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  const a = defined(artifacts, 'toLayersFiles: model.save artifacts');
  const data = defined(a.weightData, 'toLayersFiles: saved weightData');
  const weights = new Uint8Array(Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: a.modelTopology as object,
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [weightsFileName], weights: defined(a.weightSpecs, 'toLayersFiles: saved weightSpecs') }],
  };
  return { modelJson, weights, weightsFileName };
}

/**
 * Decodes the standard files into named params (new tensors; caller disposes), checking names and
 * shapes against the arch. Files from outside are validated first (src/schema/model-weights.ts);
 * whatever happens here, no decoded tensor outlives a throw.
 */
export function paramsFromLayersFiles(arch: ArchId, modelJson: tf.io.ModelJSON, weights: ArrayBuffer | Uint8Array): Params {
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
  // a copy, not Buffer#slice: a Node Buffer's .buffer may be a shared pool holding other files
  const buf = weights instanceof Uint8Array ? new Uint8Array(weights).buffer : weights;
  // tidy: a shard that ends early throws halfway through decoding, after the first weights became tensors
  const named = tf.tidy(() => tf.io.decodeWeights(buf, specs));
  const params: Params = {};
  let complete = false;
  try {
    for (const p of archInfo(arch).params) {
      const t = named[p.name];
      if (!t) throw new Error(`model.json has no weight "${p.name}" (is this really a ${archInfo(arch).title}?)`);
      if (t.shape.join('x') !== p.shape.join('x')) throw new Error(`weight ${p.name} has shape [${t.shape}], expected [${p.shape}]`);
      params[p.name] = t;
    }
    complete = true;
    return params;
  } finally {
    for (const [name, t] of Object.entries(named)) if (!complete || params[name] !== t) t.dispose();
  }
}

/** An IOHandler over in-memory files, so tf.loadLayersModel works in Node without tfjs-node. */
export function memoryHandler(modelJson: tf.io.ModelJSON, weights: Uint8Array): tf.io.IOHandler {
  return tf.io.fromMemory({
    modelTopology: modelJson.modelTopology,
    weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
    weightData: weights.slice().buffer,
  });
}
