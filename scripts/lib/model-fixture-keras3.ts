/*
 * A Keras 3 model folder as tensorflowjs_converter writes one for a keras.Sequential: the topology
 * wrapped in model_config, an InputLayer with batch_shape, module/registered_name/build_config
 * fields and DTypePolicy objects, and weights named '<model>/<layer>/<kind>'. Written by hand (tfjs
 * cannot write Keras 3 JSON) around the weights of an equivalent tfjs model (Flatten, Dense…).
 */
import { folderOf, type Folder, type SavedModel } from './model-fixture-save';

const DTYPE = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const layer = (className: string, config: Record<string, unknown>, inputShape?: (number | null)[]) => ({
  module: 'keras.layers',
  class_name: className,
  config: { trainable: true, dtype: DTYPE, ...config },
  registered_name: null,
  ...(inputShape ? { build_config: { input_shape: inputShape } } : {}),
});
const initializer = (className: string) => ({
  module: 'keras.initializers',
  class_name: className,
  config: className === 'Zeros' ? {} : { seed: null },
  registered_name: null,
});

/** The Keras 3 folder of a saved tfjs Sequential [Flatten on 28×28, Dense…] (the tfjs layers' names and weights are kept). */
export function keras3Folder(saved: SavedModel): Folder {
  const tfjsLayers = (saved.modelJson.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
  const layers: unknown[] = [
    {
      module: 'keras.layers',
      class_name: 'InputLayer',
      config: { batch_shape: [null, 28, 28], dtype: 'float32', sparse: false, name: 'input_layer' },
      registered_name: null,
    },
  ];
  let width = 784;
  for (const l of tfjsLayers) {
    if (l.class_name === 'Flatten') layers.push(layer('Flatten', { name: l.config.name, data_format: 'channels_last' }, [null, 28, 28]));
    else {
      const units = l.config.units as number;
      layers.push(
        layer(
          'Dense',
          {
            name: l.config.name,
            units,
            activation: l.config.activation,
            use_bias: true,
            kernel_initializer: initializer('GlorotUniform'),
            bias_initializer: initializer('Zeros'),
            kernel_regularizer: null,
            bias_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
          },
          [null, width],
        ),
      );
      width = units;
    }
  }
  const modelTopology = {
    keras_version: '3.5.0',
    backend: 'tensorflow',
    model_config: {
      module: 'keras',
      class_name: 'Sequential',
      config: { name: 'sequential', trainable: true, dtype: DTYPE, layers, build_input_shape: [null, 28, 28] },
      registered_name: null,
    },
    training_config: {
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
      optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } },
    },
  };
  const weights = saved.modelJson.weightsManifest[0].weights.map((w) => ({ ...w, name: `sequential/${w.name}` }));
  return folderOf({
    weights: saved.weights,
    modelJson: { format: 'layers-model', generatedBy: 'keras v3.5.0', convertedBy: null, modelTopology, weightsManifest: [{ paths: [], weights }] },
  });
}
