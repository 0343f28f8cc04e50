import { describe, expect, it } from 'vitest';
import { DivergenceError, NonFiniteResultError } from './divergence';
import { checkAccAsr, checkEvent } from './finite-results';
import { withDefaults } from './settings';
import type { CurvePointRecord, StageRecord } from './trace';

const s = withDefaults({ curveLr: 5, curveEpochs: 7, finetuneLr: 0.5 });
const point = (t: number, cleanLoss = 0.1): CurvePointRecord => ({ t, cleanLoss, poisonedLoss: 0.2, acc: 0.9, asr: 0.1 });
const stage = (kind: StageRecord['kind'], curve: CurvePointRecord[]): StageRecord => ({
  round: 2,
  stage: 1,
  kind,
  permutation: null,
  curve,
  line: [point(0), point(1)],
  output: { t: 0.4, acc: 0.9, asr: 0.1 },
  timings: { permuteMs: 0, fitMs: 0, evalMs: 0, steps: 0, msPerStep: 0 },
});

describe('finite results (src/engine/finite-results.ts)', () => {
  it('a fitted curve with an infinite loss is the curve fit diverging', () => {
    const run = () => checkEvent({ type: 'stage', record: stage('unalign-connect', [point(0), point(0.5, Infinity), point(1)]) }, s);
    expect(run).toThrow(DivergenceError);
    expect(run).toThrow(
      "Round 2, stage 1 (evaluating the curve): curve lr 5 diverged (the fitted curve's clean loss at t = 0.5 is Infinity); try curve lr ≤ 0.2.",
    );
  });

  it('live curve evaluations, inter-round fine-tuning and untrained lines are checked too', () => {
    expect(() => checkEvent({ type: 'curve-epoch', round: 1, stage: 2, epoch: 3, curve: [point(0, NaN)] }, s)).toThrow(
      "Round 1, stage 2 (fitting curve): curve lr 5 diverged (by epoch 3 the curve's clean loss at t = 0 is NaN); try curve lr ≤ 0.2.",
    );
    const round = { round: 1, input: { acc: 0.9, asr: 0.9 }, stages: [], finetuned: { acc: NaN, asr: 0 } };
    expect(() => checkEvent({ type: 'round', record: round }, s)).toThrow(
      'Round 1, stage 2 (inter-round fine-tuning): finetuneLr 0.5 diverged (the fine-tuned model has ACC NaN); try finetuneLr ≤ 0.0001.',
    );
    expect(() => checkEvent({ type: 'stage', record: stage('line', [point(0), point(1, -Infinity)]) }, s)).toThrow(NonFiniteResultError);
    expect(() => checkAccAsr({ acc: 0.5, asr: NaN }, 'before')).toThrow(
      'The run measured before.asr = NaN, which is not a number it can report; check the model files (models/) and the data (npm run prepare-data -- --force).',
    );
  });

  it('finite records pass', () => {
    expect(() => checkEvent({ type: 'stage', record: stage('mcr', [point(0), point(1)]) }, s)).not.toThrow();
    expect(() => checkEvent({ type: 'progress', round: 1, stage: 1, phase: 'x', epoch: 0, epochs: 0, step: 0, totalSteps: 0 }, s)).not.toThrow();
  });
});
