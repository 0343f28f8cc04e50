import { describe, expect, it } from 'vitest';
import { cliSetup } from './node-cli';

describe('cliSetup', () => {
  it("reads how the CLI ran from scripts/tsc.ts's first line", () => {
    const lines = ['[tsc] mnist-mlp-badnet on wasm, 2 cores (curve, line and test-set evaluations on 2 threads)', '[tsc] round 1 …'];
    expect(cliSetup(lines)).toBe('wasm, 2 cores (curve, line and test-set evaluations on 2 threads)');
    expect(cliSetup(['[tsc] mnist-mlp-badnet on wasm, 1 core'])).toBe('wasm, 1 core');
    expect(cliSetup(['something else'])).toBe('setup not reported');
  });
});
