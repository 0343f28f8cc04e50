/**
 * One built-in backdoor attack and its parameters (docs/method.md §8): what the zoo's recipes and
 * models/manifest.json hold.
 */
export type AttackSpec =
  /** x, y: the patch's top-left column and row; absent means the bottom-right corner (the zoo's recipe) */
  | { kind: 'badnet'; patchSize: number; value: number; x?: number; y?: number } // default {patchSize:3, value:1}
  | { kind: 'blended'; alpha: number; patternSeed: number } // default {alpha:0.2, patternSeed:1234}
  | { kind: 'sig'; amplitude: number; frequency: number } // default {amplitude:20/255, frequency:6}
  | {
      kind: 'wanet';
      k: number;
      strength: number;
      fieldSeed: number;
      noiseMode: boolean;
      crossRatio: number;
    }; // default {k:4,strength:0.5,fieldSeed:4321,noiseMode:false,crossRatio:2}

export type AttackKind = AttackSpec['kind'];

/**
 * A patch the user drew or uploaded: `pattern` and `mask` are 28×28 row-major (784 values in [0,1]);
 * the image pixel at (row, col) becomes (1 − m)·x + m·pattern where m = mask[row − y][col − x], so
 * (x, y) shifts the drawing by whole pixels and whatever leaves the image is dropped.
 */
export interface CustomPatchSpec {
  kind: 'custom-patch';
  pattern: number[];
  mask: number[];
  x: number;
  y: number;
}

/** A user-supplied blend key: x' = (1 − α)·x + α·image, like Blended with its noise replaced. */
export interface CustomBlendSpec {
  kind: 'custom-blend';
  image: number[];
  alpha: number;
}

/** Any trigger the engine can apply: a built-in attack or one the user described. */
export type TriggerSpec = AttackSpec | CustomPatchSpec | CustomBlendSpec;
export type TriggerKind = TriggerSpec['kind'];

export type BadNetSpec = Extract<AttackSpec, { kind: 'badnet' }>;
export type BlendedSpec = Extract<AttackSpec, { kind: 'blended' }>;
export type SigSpec = Extract<AttackSpec, { kind: 'sig' }>;
export type WanetSpec = Extract<AttackSpec, { kind: 'wanet' }>;
