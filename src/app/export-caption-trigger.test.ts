import { describe, expect, it } from 'vitest';
import { TSC_DEFAULTS } from '../engine/settings';
import { TRACE_VERSION, type Trace } from '../engine/trace';
import { settingsCaption } from './export-caption';

const trace: Trace = {
  version: TRACE_VERSION,
  model: 'mnist-mlp-badnet',
  defense: 'tsc',
  settings: TSC_DEFAULTS,
  backend: 'wasm',
  cleanSubsetSize: 600,
  evalSubset: { clean: 100, poisoned: 90 },
  testSet: { clean: 200, poisoned: 180 },
  before: { acc: 0.96, asr: 0.99 },
  after: { acc: 0.95, asr: 0.02 },
  rounds: [],
  wallSeconds: 3,
};

describe('an exported figure names the trigger its ASR was measured with', () => {
  it('from the trace', () => {
    const caption = settingsCaption({ ...trace, trigger: { spec: { kind: 'custom-blend', image: new Array<number>(784).fill(0.5), alpha: 0.1 }, target: 4 } });
    expect(caption[1]).toBe(
      'Measured on wasm: ACC 96.0 % → 95.0 %, ASR 99.0 % → 2.0 % on 200 clean and 180 triggered non-target test images ' +
        '(trigger: Custom blend image (α = 0.1) → class 4); curves on 100 + 90.',
    );
  });

  it('a trace that recorded none keeps the caption it had', () => {
    expect(settingsCaption(trace)[1]).toBe(
      'Measured on wasm: ACC 96.0 % → 95.0 %, ASR 99.0 % → 2.0 % on 200 clean and 180 triggered non-target test images; curves on 100 + 90.',
    );
  });
});
