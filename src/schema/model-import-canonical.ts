import { archInfo, type ArchId, type LayerSpec } from '../engine/model/arch';
import type { CheckedModelJson } from './model-json';

/*
 * The model.json an imported model is kept as: the topology src/engine/model/layers-format.ts
 * (buildLayersModel + toLayersFiles) writes for the same architecture, with positional layer names,
 * no softmax, dropout or activation layers, and one shard 'weights.bin' in archInfo(arch).params
 * order. Written here without tfjs so that the page's main thread can build it;
 * src/schema/model-import.test.ts checks it against what tfjs writes.
 */

export const CANONICAL_SHARD = 'weights.bin';

const initializers = {
  kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
  bias_initializer: { class_name: 'Zeros', config: {} },
};

function layerJson(layer: LayerSpec, first: boolean, inputShape: number[]): Record<string, unknown> {
  const input = first ? { batch_input_shape: [null, ...inputShape], dtype: 'float32' } : {};
  switch (layer.kind) {
    case 'dense':
      return {
        class_name: 'Dense',
        config: {
          units: layer.units,
          activation: layer.relu ? 'relu' : 'linear',
          use_bias: true,
          ...initializers,
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
          name: layer.name,
          trainable: true,
          ...input,
        },
      };
    case 'conv':
      return {
        class_name: 'Conv2D',
        config: {
          filters: layer.filters,
          kernel_initializer: initializers.kernel_initializer,
          kernel_regularizer: null,
          kernel_constraint: null,
          kernel_size: [layer.kernel, layer.kernel],
          strides: [1, 1],
          padding: layer.padding,
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation: layer.relu ? 'relu' : 'linear',
          use_bias: true,
          bias_initializer: initializers.bias_initializer,
          bias_regularizer: null,
          activity_regularizer: null,
          bias_constraint: null,
          name: layer.name,
          trainable: true,
          ...input,
        },
      };
    case 'pool':
      return {
        class_name: 'MaxPooling2D',
        config: { pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last', name: layer.name, trainable: true },
      };
    case 'flatten':
      return { class_name: 'Flatten', config: { name: layer.name, trainable: true } };
  }
}

/** The canonical model.json of an architecture (weights in archInfo(arch).params order, in CANONICAL_SHARD). */
export function canonicalModelJson(arch: ArchId): CheckedModelJson {
  const { layers, params, inputShape } = archInfo(arch);
  return {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential', layers: layers.map((l, i) => layerJson(l, i === 0, inputShape)) },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [CANONICAL_SHARD], weights: params.map((p) => ({ name: p.name, shape: [...p.shape], dtype: 'float32' })) }],
  };
}
