import { cancelPoint } from '../cancel';
import { curvePoint, midpoint } from '../curve';
import { evaluateLine, evaluateModel } from '../evaluate';
import { disposeParams, ParamsArena, type Params } from '../model/params';
import { lrSetting } from '../settings';
import type { RoundRecord, StageRecord } from '../trace';
import { connectAndPick } from './connect';
import type { DefenseContext } from './context';
import { finetuneOnClean } from './finetune';
import { permuteForStage } from './permute-stage';

/** The untrained straight line between θ and its un-aligned copy π'(θ): the barrier curve fitting removes. */
export async function runLine(ctx: DefenseContext, theta: Params): Promise<{ output: Params; rounds: RoundRecord[] }> {
  const s = ctx.settings;
  const input = await evaluateModel(ctx.arch, theta, ctx.testSet);
  const arena = new ParamsArena();
  try {
    const unaligned = await permuteForStage(ctx, theta, theta, 'unalign', s.seed * 1000 + 1);
    arena.track(unaligned.permuted);
    const mid = arena.track(midpoint(theta, unaligned.permuted));
    await cancelPoint(ctx.signal);
    const t0 = performance.now();
    const line = await evaluateLine(ctx.arch, theta, unaligned.permuted, ctx.evalSet, s.curvePoints, ctx.signal);
    ctx.onCurve?.(1, 1, theta, mid, unaligned.permuted);
    const output = arena.track(curvePoint(theta, mid, unaligned.permuted, s.t));
    const m = await evaluateModel(ctx.arch, output, ctx.testSet);
    const record: StageRecord = {
      round: 1,
      stage: 1,
      kind: 'line',
      permutation: unaligned.record,
      curve: line,
      line,
      output: { t: s.t, acc: m.acc, asr: m.asr },
      timings: { permuteMs: unaligned.ms, fitMs: 0, evalMs: performance.now() - t0, steps: 0, msPerStep: 0 },
    };
    ctx.emit({ type: 'stage', record });
    return { output: arena.release(output), rounds: [{ round: 1, input: { acc: input.acc, asr: input.asr }, stages: [record], finetuned: null }] };
  } finally {
    arena.disposeAll();
  }
}

/** MCR (docs/method.md §6, TSC repo's ft_mcr): curve between θ and θ fine-tuned on D_c, output at t. */
export async function runMcr(ctx: DefenseContext, theta: Params): Promise<{ output: Params; rounds: RoundRecord[] }> {
  const s = ctx.settings;
  const input = await evaluateModel(ctx.arch, theta, ctx.testSet);
  ctx.emit({ type: 'progress', round: 1, stage: 1, phase: 'fine-tuning MCR endpoint', epoch: 0, epochs: s.mcrEndpointEpochs, step: 0, totalSteps: 0 });
  const arena = new ParamsArena();
  let stage;
  try {
    const endpoint = arena.track(
      await finetuneOnClean(
        ctx,
        theta,
        { epochs: s.mcrEndpointEpochs, lr: s.mcrEndpointLr, seed: s.seed * 1000 + 7 },
        { phase: 'fine-tuning MCR endpoint', round: 1, stage: 1, lr: lrSetting(s, 'endpoint') },
      ),
    );
    stage = await connectAndPick(ctx, theta, endpoint, { round: 1, stage: 1, kind: 'mcr', permutation: null, permuteMs: 0, seed: s.seed * 1000 + 8 });
  } finally {
    arena.disposeAll();
  }
  let record;
  try {
    record = await stage.record;
  } catch (err) {
    disposeParams(stage.output);
    throw err;
  }
  return { output: stage.output, rounds: [{ round: 1, input: { acc: input.acc, asr: input.asr }, stages: [record], finetuned: null }] };
}

/** Plain fine-tuning on D_c for as many epochs as TSC spends fitting curves (rounds × 2 × curveEpochs). */
export async function runFinetune(ctx: DefenseContext, theta: Params): Promise<{ output: Params; rounds: RoundRecord[] }> {
  const s = ctx.settings;
  const epochs = s.rounds * 2 * s.curveEpochs;
  const output = await finetuneOnClean(
    ctx,
    theta,
    { epochs, lr: s.mcrEndpointLr, seed: s.seed * 1000 + 9 },
    { phase: 'fine-tuning', round: 1, stage: 1, lr: lrSetting(s, 'endpoint') },
    ({ epoch, step, totalSteps }) => ctx.emit({ type: 'progress', round: 1, stage: 1, phase: 'fine-tuning', epoch, epochs, step, totalSteps }),
  );
  return { output, rounds: [] };
}
