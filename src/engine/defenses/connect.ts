import { curvePoint, fitBezierCurve } from '../curve';
import { evaluateCurve, type CurvePointRecord } from '../evaluate';
import { ParamsArena, type Params } from '../model/params';
import { lrSetting, sgdOptions } from '../settings';
import { cancelPoint } from '../cancel';
import type { PermutationRecord, StageKind, StageRecord } from '../trace';
import type { DefenseContext } from './context';
import { awaitInThread, inThreadEvaluator, type CurveEvaluator } from './curve-evaluator';

/** The run's evaluator of reported measurements; in this thread unless the run was given one. */
export const evaluatorOf = (ctx: DefenseContext): CurveEvaluator => ctx.curveEvaluator ?? inThreadEvaluator(ctx.arch, ctx.evalSet, ctx.testSet);

/**
 * Shared by TSC's two stages and MCR: fit a Bézier curve between fixed endpoints a (t=0) and b (t=1)
 * on D_c, evaluate it and the straight line on the eval subset, and return θ(t) with its record.
 * The record (and its `stage` event) may come later than θ(t): with a background evaluator
 * (ctx.curveEvaluator) the curve's evaluation runs while the caller goes on with the next stage.
 * A rejected record is marked handled here, so a caller that fails first leaves no unhandled rejection.
 */
export async function connectAndPick(
  ctx: DefenseContext,
  a: Params,
  b: Params,
  meta: { round: number; stage: 1 | 2; kind: StageKind; permutation: PermutationRecord | null; permuteMs: number; seed: number },
): Promise<{ output: Params; record: Promise<StageRecord> }> {
  const s = ctx.settings;
  const arena = new ParamsArena();
  try {
    const t0 = performance.now();
    let steps = 0;
    // snapshots measured by a background evaluator are emitted in order, all before the stage's own events
    let snapshots: Promise<void> = Promise.resolve();
    const live = ctx.curveEvaluator?.background ? ctx.curveEvaluator.evaluateLive?.bind(ctx.curveEvaluator) : undefined;
    const control = arena.track(
      await fitBezierCurve(ctx.arch, a, b, ctx.clean, {
        ...sgdOptions(s, { epochs: s.curveEpochs, lr: s.curveLr, seed: meta.seed }),
        l2: s.curveL2,
        signal: ctx.signal,
        where: { phase: 'fitting curve', round: meta.round, stage: meta.stage, lr: lrSetting(s, 'curve') },
        onStep: ({ epoch, step, totalSteps }) => {
          steps = step;
          ctx.emit({ type: 'progress', round: meta.round, stage: meta.stage, phase: 'fitting curve', epoch, epochs: s.curveEpochs, step, totalSteps });
        },
        onEpoch: async ({ epoch, params }) => {
          if (ctx.liveEvalEvery > 0 && (epoch % ctx.liveEvalEvery === 0 || epoch === s.curveEpochs)) {
            await cancelPoint(ctx.signal);
            const emitSnapshot = (curve: CurvePointRecord[]) => ctx.emit({ type: 'curve-epoch', round: meta.round, stage: meta.stage, epoch, curve });
            if (live) {
              // the evaluator copies θA, θc, θB before this returns, so the fitting goes on at once
              const measured = live(a, params, b, s.curvePoints, ctx.signal);
              const previous = snapshots;
              snapshots = (async () => {
                await previous;
                emitSnapshot(await measured);
              })();
              snapshots.catch(() => {}); // awaited after the fit; a failure before then is not unhandled
            } else {
              emitSnapshot(await evaluateCurve(ctx.arch, a, params, b, ctx.liveSet, s.curvePoints, ctx.signal));
            }
          }
          await ctx.checkpoint?.('epoch');
        },
      }),
    );
    await snapshots;
    const fitMs = performance.now() - t0;
    // a Cancel is seen here, between the curve's evaluation batches, and before the test-set evaluation (inThreadEvaluator)
    await cancelPoint(ctx.signal);
    ctx.onCurve?.(meta.round, meta.stage, a, control, b);
    ctx.emit({
      type: 'progress',
      round: meta.round,
      stage: meta.stage,
      phase: 'evaluating the curve and the straight line',
      epoch: 0,
      epochs: 0,
      step: steps,
      totalSteps: steps,
    });
    const evaluator = evaluatorOf(ctx);
    const evaluation = evaluator.evaluate(a, control, b, s.curvePoints, ctx.signal);
    await awaitInThread(evaluator, evaluation);
    const output = arena.track(curvePoint(a, control, b, s.t));
    const measured = evaluator.measure(output, ctx.signal);
    await awaitInThread(evaluator, measured);
    const record = Promise.all([evaluation, measured]).then(([{ curve, line, ms }, m]) => {
      const r: StageRecord = {
        round: meta.round,
        stage: meta.stage,
        kind: meta.kind,
        permutation: meta.permutation,
        curve,
        line,
        output: { t: s.t, acc: m.acc, asr: m.asr },
        // evaluation time wherever it ran (on a worker thread it overlaps the next stage's fitting)
        timings: { permuteMs: meta.permuteMs, fitMs, evalMs: ms + m.ms, steps, msPerStep: steps ? fitMs / steps : 0 },
      };
      ctx.emit({ type: 'stage', record: r });
      return r;
    });
    await awaitInThread(evaluator, record);
    return { output: arena.release(output), record };
  } finally {
    arena.disposeAll();
  }
}
