import * as v from 'valibot';
import type { DefenseKind, PermutationMethod, TscSettings } from '../engine/settings';
import type { BackendName } from '../protocol/messages';
import { intIn, numberIn, parseFields, type FieldSchemas, type Parsed } from './fields';

/** A picklist of every key of `members`; `satisfies Record<Union, true>` makes the compiler demand each member. */
const picklistOf = <K extends string>(members: Record<K, true>) => v.picklist(Object.keys(members) as K[]);

/** Every defense the engine runs (src/engine/settings.ts); anything else must never reach the worker. */
export const DefenseSchema = picklistOf({ tsc: true, mcr: true, ft: true, line: true, none: true } satisfies Record<DefenseKind, true>);
export const PermutationMethodSchema = picklistOf({ activation: true, weight: true } satisfies Record<PermutationMethod, true>);
export const PreferredBackendSchema = picklistOf({ auto: true, webgpu: true, wasm: true, webgl: true, cpu: true } satisfies Record<BackendName | 'auto', true>);
/** Zoo ids are file-name-like ('mnist-mlp-badnet'); unknown ids are replaced once the manifest loads. */
export const ModelIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/));
/** ModelIdSchema's rule in words, for messages. */
export const MODEL_ID_RULE = 'a model id (letters, digits, ".", "_" or "-", at most 100)';
/** A curve parameter t ∈ [0, 1]. */
export const CurveTSchema = numberIn(0, 1);

/** The run settings the page exposes; ranges are what the engine accepts and the run panel offers. */
export type RunSettingsFields = Pick<
  TscSettings,
  'defense' | 'rounds' | 't' | 'curveEpochs' | 'curveLr' | 'cleanFraction' | 'seed' | 'permutationMethod' | 'interRoundFinetune' | 'evalSamples' | 'testSamples'
>;

export const RUN_SETTINGS_FIELDS: FieldSchemas<RunSettingsFields> = {
  defense: DefenseSchema,
  rounds: intIn(1, 10),
  t: CurveTSchema,
  curveEpochs: intIn(1, 1000),
  // SGD on θc: positive; past ~1 every zoo model diverges (the default is 0.02, the live demo's 0.2)
  curveLr: v.pipe(v.number(), v.gtValue(0), v.maxValue(10)),
  // D_c must hold at least one image: a share in (0, 1]
  cleanFraction: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  seed: intIn(0, Number.MAX_SAFE_INTEGER),
  permutationMethod: PermutationMethodSchema,
  interRoundFinetune: v.boolean(),
  // curve landscapes need at least one image; evaluation caps it at the test split's size
  evalSamples: intIn(1, 10_000),
  // 0 means the full test split
  testSamples: intIn(0, 10_000),
};
export const RunSettingsSchema = v.object(RUN_SETTINGS_FIELDS);

/** The run settings plus the knobs only the Node CLI exposes (scripts/tsc.ts): one range table for page, link, storage and CLI. */
export type CliSettingsFields = RunSettingsFields & Pick<TscSettings, 'curveBatchSize' | 'mcrEndpointEpochs'>;

export const CLI_SETTINGS_FIELDS: FieldSchemas<CliSettingsFields> = {
  ...RUN_SETTINGS_FIELDS,
  // at least one image per step (0 would make an epoch endless); more than D_c is one step per epoch
  curveBatchSize: intIn(1, 10_000),
  // MCR's second endpoint needs at least one epoch of fine-tuning to differ from θ
  mcrEndpointEpochs: intIn(1, 1000),
};

/** The tfjs backends a Node script can pick (src/engine/node/tf-backend.ts). */
export const NodeBackendSchema = v.picklist(['wasm', 'cpu']);

/** Loss-plane knobs (PlaneSettings in the store). */
export interface PlaneSettingsFields {
  /** coarse grid resolution, computed first */
  coarse: number;
  /** finest resolution it is refined to (each level n → 2n − 1 reuses every point) */
  finest: number;
  /** margin around θA, θc, θB as a share of their extent along û */
  margin: number;
  /** equal units on both axes; off zooms y onto the curve */
  equalAxes: boolean;
  /** test images per point (clean, plus their triggered non-target twins) */
  samples: number;
}

/** Grid sizes are odd so the grid has a centre line; 101² points is already minutes of evaluation. */
const gridSize = v.pipe(
  intIn(3, 101),
  v.check((n) => n % 2 === 1, 'grid size must be odd'),
);

export const PLANE_SETTINGS_FIELDS: FieldSchemas<PlaneSettingsFields> = {
  coarse: gridSize,
  finest: gridSize,
  margin: numberIn(0, 2),
  equalAxes: v.boolean(),
  samples: intIn(1, 10_000),
};

/** Refinement reuses every point (n → 2n − 1), so the finest size must lie on that ladder from coarse. */
export function isRefinementOf(coarse: number, finest: number): boolean {
  let n = coarse;
  while (n < finest) n = 2 * n - 1;
  return n === finest;
}

export const PlaneSettingsSchema = v.pipe(
  v.object(PLANE_SETTINGS_FIELDS),
  v.check((p) => isRefinementOf(p.coarse, p.finest), 'finest must be coarse refined 0 or more times (n → 2n − 1)'),
);

export const parseRunSettings = (input: unknown, fallback: RunSettingsFields, path = 'settings'): Parsed<RunSettingsFields> =>
  parseFields(RUN_SETTINGS_FIELDS, input, fallback, path);

/** Field by field, then the coarse/finest pair: if they do not fit together both take the fallback's. */
export function parsePlaneSettings(input: unknown, fallback: PlaneSettingsFields, path = 'planeSettings'): Parsed<PlaneSettingsFields> {
  const { value, dropped } = parseFields(PLANE_SETTINGS_FIELDS, input, fallback, path);
  if (isRefinementOf(value.coarse, value.finest)) return { value, dropped };
  const pair = [`${path}.coarse`, `${path}.finest`].filter((name) => !dropped.includes(name));
  return { value: { ...value, coarse: fallback.coarse, finest: fallback.finest }, dropped: [...dropped, ...pair] };
}
