/**
 * The architectures the engine runs, as named parameter lists. Parameter order equals the weight
 * order of the equivalent tfjs Layers model (see layers-format.ts).
 *
 * An architecture id describes itself, so that it can travel in a trace, a URL, a worker message or
 * a stored record and be understood anywhere without a registry:
 * - 'mlp' and 'cnn': the zoo's two architectures (aliases, kept for the shipped files and traces);
 * - 'seq:<layers>': any sequential stack the engine can permute, layers joined by '-':
 *   `d<units>` dense, `c<filters>k<3|5><s|v>` convolution (kernel size, 'same' or 'valid' padding),
 *   `p` 2×2 max-pool with stride 2. Every dense and conv layer but the last has a ReLU; the last is
 *   `d10` with no activation (logits). Convolutions (and pools) come first, on the 28×28×1 image; a
 *   Flatten is implied before the first dense layer. Without convolutions the input is the flat
 *   784-pixel image. Examples: 'seq:d512-d128-d64-d10', 'seq:c8k5v-p-c16k3s-p-d64-d10'.
 * Layer names are positional, as in the zoo's files: conv1, conv2, … for convolutions, fc1, fc2, …
 * for dense layers, pool1, … for pools, so 'mlp' ≡ 'seq:d256-d256-d10' and
 * 'cnn' ≡ 'seq:c16k3s-p-c32k3s-p-d128-d10' name their weights alike.
 */
export type ArchId = string;

/** The zoo's two architectures. */
export type ZooArchId = 'mlp' | 'cnn';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** 'kernel' params get Glorot-uniform init (Keras default), 'bias' zeros. */
  role: 'kernel' | 'bias';
}

/** One layer of a sequential architecture, in order. Dense and conv layers carry weights `${name}/kernel` and `${name}/bias`. */
export type LayerSpec =
  | { kind: 'dense'; name: string; units: number; relu: boolean; inputs: number }
  | { kind: 'conv'; name: string; filters: number; kernel: 3 | 5; padding: 'same' | 'valid'; relu: boolean; inChannels: number; outSize: number }
  /** 2×2 max-pool, stride 2, 'valid' */
  | { kind: 'pool'; name: string; outSize: number }
  /** NHWC flatten before the first dense layer of a CNN; `positions` = H·W of its input */
  | { kind: 'flatten'; name: string; positions: number; channels: number };

export interface ArchInfo {
  id: ArchId;
  title: string;
  /** 'mlp' when only dense layers, 'cnn' when it starts with convolutions */
  family: ZooArchId;
  layers: LayerSpec[];
  params: ParamSpec[];
  /** Input shape of one example (without the batch axis). */
  inputShape: number[];
}

/** Bounds that keep a described architecture small enough for a browser tab (the weight-size cap of src/schema/model-json.ts applies too). */
export const ARCH_LIMITS = { maxLayers: 16, maxUnits: 4096, maxFilters: 256 } as const;

export const ZOO_ARCH_SPECS: Record<ZooArchId, string> = {
  mlp: 'seq:d256-d256-d10',
  cnn: 'seq:c16k3s-p-c32k3s-p-d128-d10',
};
const ZOO_TITLES: Record<ZooArchId, string> = { mlp: 'MLP 784-256-256-10', cnn: 'CNN conv16-conv32-fc128-10' };

const IMAGE_SIZE = 28;
const CLASSES = 10;

/** The id's layers, checked; throws an Error whose message says what is wrong and what is supported. */
function parseLayers(id: string): LayerSpec[] {
  const spec = (ZOO_ARCH_SPECS as Record<string, string>)[id] ?? id;
  if (!spec.startsWith('seq:')) throw new Error(`unknown architecture "${id}": expected "mlp", "cnn" or "seq:<layers>" (src/engine/model/arch.ts)`);
  const tokens = spec.slice(4).split('-');
  if (tokens.length > ARCH_LIMITS.maxLayers)
    throw new Error(`architecture "${id}" has ${tokens.length} layers; at most ${ARCH_LIMITS.maxLayers} are supported`);
  const layers: LayerSpec[] = [];
  let size = IMAGE_SIZE;
  let channels = 1;
  let dense = 0;
  let convs = 0;
  let pools = 0;
  let flatInputs = IMAGE_SIZE * IMAGE_SIZE;
  for (const [i, token] of tokens.entries()) {
    const where = `layer ${i + 1} ("${token}") of "${id}"`;
    const d = /^d([1-9]\d{0,4})$/.exec(token);
    const c = /^c([1-9]\d{0,3})k([35])([sv])$/.exec(token);
    if (d) {
      const units = Number(d[1]);
      if (units > ARCH_LIMITS.maxUnits) throw new Error(`${where} has ${units} units; at most ${ARCH_LIMITS.maxUnits} are supported`);
      if (dense === 0 && convs > 0) {
        layers.push({ kind: 'flatten', name: 'flatten', positions: size * size, channels });
        flatInputs = size * size * channels;
      }
      const last = i === tokens.length - 1;
      layers.push({ kind: 'dense', name: `fc${++dense}`, units, relu: !last, inputs: flatInputs });
      flatInputs = units;
    } else if (c) {
      if (dense > 0) throw new Error(`${where}: a convolution after a dense layer is not supported (convolutions and pools come first)`);
      const filters = Number(c[1]);
      if (filters > ARCH_LIMITS.maxFilters) throw new Error(`${where} has ${filters} filters; at most ${ARCH_LIMITS.maxFilters} are supported`);
      const kernel = Number(c[2]) as 3 | 5;
      const padding = c[3] === 's' ? 'same' : 'valid';
      const outSize = padding === 'same' ? size : size - kernel + 1;
      if (outSize < 1) throw new Error(`${where}: a ${kernel}×${kernel} 'valid' convolution of a ${size}×${size} input leaves nothing`);
      layers.push({ kind: 'conv', name: `conv${++convs}`, filters, kernel, padding, relu: true, inChannels: channels, outSize });
      size = outSize;
      channels = filters;
    } else if (token === 'p') {
      if (convs === 0 || dense > 0) throw new Error(`${where}: a max-pool must follow a convolution`);
      if (size < 2) throw new Error(`${where}: a 2×2 max-pool of a ${size}×${size} input leaves nothing`);
      size = Math.floor(size / 2);
      layers.push({ kind: 'pool', name: `pool${++pools}`, outSize: size });
    } else {
      throw new Error(`${where} is not a layer: use d<units> (dense), c<filters>k<3|5><s|v> (convolution) or p (2×2 max-pool)`);
    }
  }
  const last = layers.at(-1);
  if (!last || last.kind !== 'dense' || last.units !== CLASSES)
    throw new Error(`architecture "${id}" must end with a dense layer of ${CLASSES} units (the logits)`);
  if (layers.filter((l) => l.kind === 'dense' || l.kind === 'conv').length < 2) {
    throw new Error(`architecture "${id}" has no hidden layer: TSC permutes hidden units, so at least one hidden dense or conv layer is needed`);
  }
  return layers;
}

function paramsOf(layers: LayerSpec[]): ParamSpec[] {
  return layers.flatMap((l): ParamSpec[] => {
    if (l.kind === 'dense')
      return [
        { name: `${l.name}/kernel`, shape: [l.inputs, l.units], role: 'kernel' },
        { name: `${l.name}/bias`, shape: [l.units], role: 'bias' },
      ];
    if (l.kind === 'conv')
      return [
        { name: `${l.name}/kernel`, shape: [l.kernel, l.kernel, l.inChannels, l.filters], role: 'kernel' },
        { name: `${l.name}/bias`, shape: [l.filters], role: 'bias' },
      ];
    return [];
  });
}

function titleOf(id: string, layers: LayerSpec[]): string {
  if (id in ZOO_TITLES) return ZOO_TITLES[id as ZooArchId];
  const conv = layers.some((l) => l.kind === 'conv');
  if (!conv) return `MLP 784-${layers.map((l) => (l.kind === 'dense' ? l.units : '')).join('-')}`;
  const words = layers.flatMap((l) => {
    if (l.kind === 'conv') return [`conv${l.filters}${l.kernel === 3 && l.padding === 'same' ? '' : `(${l.kernel}×${l.kernel} ${l.padding})`}`];
    if (l.kind === 'pool') return ['pool'];
    if (l.kind === 'dense') return [l.relu ? `fc${l.units}` : String(l.units)];
    return [];
  });
  return `CNN ${words.join('-')}`;
}

const cache = new Map<string, ArchInfo>();

/** The architecture an id describes; throws (with a message naming the problem) for an id that describes none. */
export function archInfo(id: ArchId): ArchInfo {
  const hit = cache.get(id);
  if (hit) return hit;
  const layers = parseLayers(id);
  const conv = layers.some((l) => l.kind === 'conv');
  const info: ArchInfo = {
    id,
    title: titleOf(id, layers),
    family: conv ? 'cnn' : 'mlp',
    layers,
    params: paramsOf(layers),
    inputShape: conv ? [IMAGE_SIZE, IMAGE_SIZE, 1] : [IMAGE_SIZE * IMAGE_SIZE],
  };
  if (cache.size > 64) cache.clear();
  cache.set(id, info);
  return info;
}

/** null when the id describes an architecture, else why not (for schemas and messages). */
export function archIdError(id: unknown): string | null {
  if (typeof id !== 'string' || id.length > 200) return 'not an architecture id (a string of at most 200 characters)';
  try {
    archInfo(id);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The id in its 'seq:' form ('mlp' → 'seq:d256-d256-d10'), for comparing architectures. */
export function canonicalArchId(id: ArchId): string {
  return (ZOO_ARCH_SPECS as Record<string, string>)[id] ?? id;
}

/** The zoo alias when the id describes a zoo architecture ('seq:d256-d256-d10' → 'mlp'), else the id. */
export function preferredArchId(id: ArchId): ArchId {
  const canonical = canonicalArchId(id);
  return (Object.keys(ZOO_ARCH_SPECS) as ZooArchId[]).find((z) => ZOO_ARCH_SPECS[z] === canonical) ?? id;
}

/** Whether the id is exactly the zoo's MLP or CNN (special fast paths are tuned for those shapes only). */
export function isZooArch(id: ArchId, which: ZooArchId): boolean {
  return canonicalArchId(id) === ZOO_ARCH_SPECS[which];
}

/** The zoo's two architectures by alias (older callers index this; new code calls archInfo). */
export const ARCHS: Record<ZooArchId, ArchInfo> = { mlp: archInfo('mlp'), cnn: archInfo('cnn') };

export function paramCount(arch: ArchId): number {
  return archInfo(arch).params.reduce((n, p) => n + p.shape.reduce((a, c) => a * c, 1), 0);
}
