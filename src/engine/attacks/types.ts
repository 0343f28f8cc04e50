/** One backdoor attack and its parameters (docs/method.md §8). */
export type AttackSpec =
  | { kind: 'badnet'; patchSize: 3 | 4; value: number } // default {patchSize:3, value:1}
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

export type BadNetSpec = Extract<AttackSpec, { kind: 'badnet' }>;
export type BlendedSpec = Extract<AttackSpec, { kind: 'blended' }>;
export type SigSpec = Extract<AttackSpec, { kind: 'sig' }>;
export type WanetSpec = Extract<AttackSpec, { kind: 'wanet' }>;
