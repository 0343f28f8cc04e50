import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeParams } from '../../src/engine/model/params';
import { defenseInput } from '../../src/engine/node/zoo';
import { runDefense, type DefenseInput } from '../../src/engine/run-defense';
import { parseTscArgs } from './tsc-args';
import { measuredWith } from './trigger-target-args';

// What scripts/tsc.ts does with its flags, on tiny settings: the described trigger, not the recipe, is what ASR measures.
const TINY = [
  '--model',
  'mnist-mlp-badnet',
  '--rounds',
  '1',
  '--curve-epochs',
  '1',
  '--eval-samples',
  '100',
  '--test-samples',
  '300',
  '--clean-fraction',
  '0.02',
];
let zoo: DefenseInput;

beforeAll(async () => {
  await tf.setBackend('wasm');
  zoo = await defenseInput('mnist-mlp-badnet');
});

afterAll(async () => {
  disposeParams(zoo.params);
  await tf.setBackend('cpu');
});

async function run(...flags: string[]) {
  const args = parseTscArgs([...TINY, ...flags], ['mnist-mlp-badnet']);
  const before = tf.memory().numTensors;
  const { trace, output } = await runDefense(measuredWith(zoo, args), args.settings);
  disposeParams(output);
  expect(tf.memory().numTensors).toBe(before);
  return trace;
}

describe('npm run tsc -- --trigger/--target drive every ASR of the run', () => {
  it('--trigger badnet:size=4 measures another ASR than the recipe (3×3), and the trace says which trigger', async () => {
    const recipe = await run();
    const described = await run('--trigger', 'badnet:size=4');
    expect(recipe.trigger).toEqual({ spec: zoo.attack, target: 0 });
    expect(described.trigger).toEqual({ spec: { kind: 'badnet', patchSize: 4, value: 1 }, target: 0 });
    expect(described.before.acc).toBe(recipe.before.acc); // clean images are the same
    expect(described.before.asr).not.toBe(recipe.before.asr);
    // the stages' curves are measured with it too, not only the before/after figures
    const curveAsr = (t: typeof recipe) => t.rounds[0].stages.flatMap((s) => s.curve.map((p) => p.asr));
    expect(curveAsr(described)).not.toEqual(curveAsr(recipe));
    console.log(`before ASR: recipe ${recipe.before.asr}, badnet:size=4 ${described.before.asr}; after: ${recipe.after.asr} vs ${described.after.asr}`);
  });

  it('--target moves the class ASR counts: the backdoor (aimed at 0) scores little against class 3', async () => {
    const toZero = await run('--defense', 'none');
    const toThree = await run('--defense', 'none', '--target', '3');
    expect(toThree.trigger?.target).toBe(3);
    expect(toZero.before.asr).toBeGreaterThan(0.9);
    expect(toThree.before.asr).toBeLessThan(0.1);
    console.log(`ASR of the recipe towards class 0: ${toZero.before.asr}, towards class 3: ${toThree.before.asr}`);
  });
});
