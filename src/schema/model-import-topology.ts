import { archIdError, type ArchId } from '../engine/model/arch';
import { shown } from './explain';
import { isRecord } from './fields';
import { layersOf } from './model-json';

/*
 * Reads a tfjs Layers topology (Keras 2, Keras 3 or tfjs-written) into the 'seq:' architecture id
 * the engine runs (src/engine/model/arch.ts), or says which layer it cannot run and what it can.
 * Only the layers that change what the engine computes become tokens: Dropout is inert at inference,
 * an Activation('relu') folds into the Dense/Conv2D before it, and a softmax output is dropped (the
 * engine works on logits; argmax is unchanged).
 */

export const SUPPORTED_IMPORT =
  'supported: InputLayer, Dense (relu; the last one 10 units, linear or softmax), Conv2D (3×3 or 5×5, stride 1, same or valid, relu), ' +
  'MaxPooling2D (2×2, stride 2), Flatten, Dropout, Activation("relu"/"softmax") on 28×28×1 inputs';
const NOT_YET = 'BatchNorm, residual connections and other input sizes are not supported yet';

/** A Dense or Conv2D layer of the source, in order, with the positional name the engine gives it. */
export interface WeightedLayer {
  /** the layer's own name in the source topology */
  sourceName: string;
  /** 'fc2', 'conv1', … (src/engine/model/arch.ts) */
  position: string;
}

export type TopologyResult = { ok: true; arch: ArchId; weighted: WeightedLayer[]; notes: string[] } | { ok: false; message: string };

type Config = Record<string, unknown>;

/** A name or class from the file, bare when it is a plain identifier, else quoted and cut (shown). */
const plain = (value: unknown): string => (typeof value === 'string' && /^[\w.:-]{1,60}$/.test(value) ? value : shown(value));

/** [k, k] or k → k; anything else → null. */
function square(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (Array.isArray(value) && value.length === 2 && value[0] === value[1] && typeof value[0] === 'number') return value[0];
  return null;
}

/** 'an Add', 'an LSTM', 'a BatchNormalization' (an acronym is read letter by letter). */
const article = (word: string) => (/^[aeiou]/i.test(word) || /^[FHLMNRSX][A-Z]/.test(word) ? 'an' : 'a');

const sameShape = (a: readonly unknown[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** The batch shape a layer declares (Keras 2/tfjs: batch_input_shape; Keras 3: batch_shape), without the batch axis. */
function declaredInput(config: Config): unknown[] | null {
  const batch = config.batch_input_shape ?? config.batch_shape;
  return Array.isArray(batch) ? batch.slice(1) : null;
}

/** Fails with "layer 3 (name) …; supported: …" */
class LayerError extends Error {}

interface Pending {
  /** index in the source list of the Dense/Conv2D */
  index: number;
  label: string;
  activation: string;
  kind: 'Dense' | 'Conv2D';
}

/** Walks the layer list once; each accepted layer adds its token to the id. */
class Reader {
  tokens: string[] = [];
  weighted: WeightedLayer[] = [];
  notes: string[] = [];
  dropped: string[] = [];
  input: unknown[] | null = null;
  /** 'start': nothing read yet; 'conv': in the convolutional part; 'flat': after a Flatten; 'dense': after a Dense */
  phase: 'start' | 'conv' | 'flat' | 'dense' = 'start';
  /** every Dense/Conv2D, with its activation as the file says it (an Activation layer may change it) */
  compute: Pending[] = [];
  softmaxLayer: string | null = null;
  denseCount = 0;
  convCount = 0;

  fail(label: string, what: string): never {
    throw new LayerError(`${label} ${what}`);
  }

  /** The first layer that takes the image must find a supported input shape. */
  checkInput(label: string, accepted: number[][]): void {
    if (this.phase !== 'start') return;
    const input = this.input;
    if (!input) this.fail(label, 'has no input shape: give the first layer batch_input_shape (or batch_shape), or start with an InputLayer');
    if (!accepted.some((shape) => sameShape(input, shape))) {
      const words = accepted.map((s) => `[${s.join(', ')}]`).join(' or ');
      this.fail(label, `takes input of shape [${input.map((d) => plain(d)).join(', ')}]; this layer needs ${words} (28×28×1 images); ${NOT_YET}`);
    }
  }

  read(layer: unknown, index: number, count: number): void {
    const cls = isRecord(layer) ? layer.class_name : undefined;
    const config: Config = isRecord(layer) && isRecord(layer.config) ? layer.config : {};
    const label = `layer ${index + 1} (${plain(config.name)})`;
    if (typeof cls !== 'string') this.fail(label, 'has no class_name');
    if (index === 0 || cls === 'InputLayer') this.input ??= declaredInput(config);
    if (config.data_format !== undefined && config.data_format !== 'channels_last') {
      this.fail(label, `has data_format ${shown(config.data_format)}; only channels_last is supported`);
    }
    switch (cls) {
      case 'InputLayer':
        if (index !== 0) this.fail(label, 'is an InputLayer that is not the first layer');
        return;
      case 'Dropout':
        this.dropped.push(plain(config.name));
        return;
      case 'Activation':
        return this.activation(label, config, index, count);
      case 'Dense':
        return this.dense(label, config, index);
      case 'Conv2D':
        return this.conv(label, config, index);
      case 'MaxPooling2D':
        return this.pool(label, config);
      case 'Flatten':
        return this.flatten(label);
      default:
        this.fail(label, `is ${article(cls)} ${plain(cls)} layer; ${SUPPORTED_IMPORT}; ${NOT_YET}`);
    }
  }

  useBias(label: string, config: Config): void {
    if (config.use_bias === false) this.fail(label, 'has use_bias false; only layers with a bias are supported');
  }

  activationOf(label: string, config: Config, kind: string): string {
    const activation = config.activation ?? 'linear';
    if (activation !== 'relu' && activation !== 'linear' && activation !== 'softmax') {
      this.fail(label, `is a ${kind} layer with activation ${shown(activation)}; ${SUPPORTED_IMPORT}`);
    }
    return activation;
  }

  dense(label: string, config: Config, index: number): void {
    this.useBias(label, config);
    if (this.phase === 'conv') this.fail(label, 'is a Dense layer on a convolution output; put a Flatten between them');
    this.checkInput(label, [[784]]);
    const units = config.units;
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1) this.fail(label, `has units ${shown(units)}, expected a positive integer`);
    this.compute.push({ index, label, activation: this.activationOf(label, config, 'Dense'), kind: 'Dense' });
    this.tokens.push(`d${units}`);
    this.weighted.push({ sourceName: String(config.name), position: `fc${++this.denseCount}` });
    this.phase = 'dense';
  }

  conv(label: string, config: Config, index: number): void {
    this.useBias(label, config);
    if (this.phase === 'flat' || this.phase === 'dense') this.fail(label, 'is a Conv2D layer after a Flatten or Dense layer; convolutions must come first');
    this.checkInput(label, [[28, 28, 1]]);
    const kernel = square(config.kernel_size);
    if (kernel !== 3 && kernel !== 5) this.fail(label, `has kernel_size ${shown(config.kernel_size)}; ${SUPPORTED_IMPORT}`);
    if ((square(config.strides ?? 1) ?? 0) !== 1) this.fail(label, `has strides ${shown(config.strides)}; only stride 1 convolutions are supported`);
    if ((square(config.dilation_rate ?? 1) ?? 0) !== 1) this.fail(label, `has dilation_rate ${shown(config.dilation_rate)}; only dilation 1 is supported`);
    const padding = config.padding ?? 'valid';
    if (padding !== 'same' && padding !== 'valid') this.fail(label, `has padding ${shown(padding)}; only same and valid are supported`);
    const filters = config.filters;
    if (typeof filters !== 'number' || !Number.isInteger(filters) || filters < 1)
      this.fail(label, `has filters ${shown(filters)}, expected a positive integer`);
    if (config.groups !== undefined && config.groups !== 1) this.fail(label, `has groups ${shown(config.groups)}; only groups 1 is supported`);
    this.compute.push({ index, label, activation: this.activationOf(label, config, 'Conv2D'), kind: 'Conv2D' });
    this.tokens.push(`c${filters}k${kernel}${padding === 'same' ? 's' : 'v'}`);
    this.weighted.push({ sourceName: String(config.name), position: `conv${++this.convCount}` });
    this.phase = 'conv';
  }

  pool(label: string, config: Config): void {
    if (this.phase !== 'conv') this.fail(label, 'is a MaxPooling2D layer that does not follow a convolution');
    if (square(config.pool_size) !== 2) this.fail(label, `has pool_size ${shown(config.pool_size)}; only 2×2 pools are supported`);
    if ((square(config.strides ?? 2) ?? 0) !== 2) this.fail(label, `has strides ${shown(config.strides)}; only stride 2 pools are supported`);
    if ((config.padding ?? 'valid') !== 'valid') this.fail(label, `has padding ${shown(config.padding)}; only valid pools are supported`);
    this.tokens.push('p');
  }

  flatten(label: string): void {
    if (this.phase === 'flat' || this.phase === 'dense')
      this.fail(label, 'is a Flatten after a Flatten or Dense layer; only one Flatten, before the first Dense, is supported');
    if (this.phase === 'start')
      this.checkInput(label, [
        [28, 28, 1],
        [28, 28],
      ]);
    this.phase = 'flat';
  }

  activation(label: string, config: Config, index: number, count: number): void {
    const activation = config.activation;
    const before = this.compute.at(-1);
    const directlyAfter = before !== undefined && before.index === index - 1;
    if (activation === 'linear') return;
    if (activation === 'relu' && directlyAfter && before.activation === 'linear') {
      before.activation = 'relu';
      this.notes.push(`${label}, Activation("relu"), was folded into ${before.label}`);
      return;
    }
    if (activation === 'softmax' && directlyAfter && before.kind === 'Dense' && before.activation === 'linear' && index === count - 1) {
      before.activation = 'softmax';
      return;
    }
    this.fail(label, `is an Activation(${shown(activation)}) layer; ${SUPPORTED_IMPORT}, right after a linear Dense or Conv2D`);
  }

  /** Every hidden layer relu, the output linear or softmax. */
  checkActivations(): void {
    for (const [i, layer] of this.compute.entries()) {
      const last = i === this.compute.length - 1;
      if (!last && layer.activation !== 'relu') {
        this.fail(layer.label, `is a hidden ${layer.kind} layer with activation ${shown(layer.activation)}; hidden layers need relu (${SUPPORTED_IMPORT})`);
      }
      if (last && layer.kind === 'Dense' && layer.activation === 'relu') {
        this.fail(layer.label, 'is the output layer with activation "relu"; the output must be linear or softmax (the engine works on logits)');
      }
      if (last && layer.activation === 'softmax') {
        this.notes.push(`the softmax of ${layer.label} was dropped: the engine works on logits (the predicted class is the same)`);
      }
    }
  }
}

/** The architecture a topology describes, with the source names of its weighted layers. Never throws; messages start with `file`. */
export function readTopology(topology: Record<string, unknown>, file = 'model.json'): TopologyResult {
  const model = isRecord(topology.model_config) ? topology.model_config : topology;
  const layers = layersOf(topology);
  if (!layers || layers.length === 0) return { ok: false, message: `${file} has no layers in its modelTopology` };
  const reader = new Reader();
  try {
    layers.forEach((layer, i) => reader.read(layer, i, layers.length));
    if (model.class_name !== 'Sequential') {
      return {
        ok: false,
        message: `${file} holds a functional model (class_name ${shown(model.class_name)}); only Sequential stacks are supported (${NOT_YET})`,
      };
    }
    reader.checkActivations();
  } catch (e) {
    if (e instanceof LayerError) return { ok: false, message: `${file}: ${e.message}` };
    throw e;
  }
  const arch = `seq:${reader.tokens.join('-')}`;
  const archError = archIdError(arch);
  if (archError) return { ok: false, message: `${file}: its layers make "${arch}", which the engine cannot run: ${archError}` };
  const notes = [...reader.notes];
  if (reader.dropped.length > 0) notes.push(`Dropout (${reader.dropped.join(', ')}) was left out: it does nothing at inference`);
  return { ok: true, arch, weighted: reader.weighted, notes };
}
