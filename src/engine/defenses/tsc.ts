import { cancelPoint } from '../cancel';
import { ParamsArena, cloneParams, type Params } from '../model/params';
import { lrSetting } from '../settings';
import type { RoundRecord } from '../trace';
import { connectAndPick, evaluatorOf } from './connect';
import { awaitInThread, type TimedMetrics } from './curve-evaluator';
import type { DefenseContext } from './context';
import { finetuneOnClean } from './finetune';
import { permuteForStage } from './permute-stage';

/**
 * TSC (docs/method.md §1.2), E_TSC rounds of:
 *  stage 1: un-align a copy of θ_in, connect θ_in → π'(θ_in), take θ_t1 = γ1(t);
 *  stage 2: align θ_in to θ_t1, connect π(θ_in) → θ_t1, take θ_t2 = γ2(t);
 *  then (optional, official code) fine-tune θ_t2 on D_c before the next round.
 * `theta` is not consumed; the caller owns the returned purified params.
 */
export async function runTsc(ctx: DefenseContext, theta: Params): Promise<{ output: Params; rounds: RoundRecord[] }> {
  const s = ctx.settings;
  const evaluator = evaluatorOf(ctx);
  const rounds: RoundRecord[] = [];
  // Each round's record waits for its stages' records, which a background evaluator delivers later
  // (connect.ts); chaining them keeps the stage and round events in order.
  let reported: Promise<void> = Promise.resolve();
  const stageRecords: Promise<unknown>[] = [];
  const arena = new ParamsArena();
  try {
    let input = arena.track(cloneParams(theta));
    for (let round = 1; round <= s.rounds; round++) {
      await cancelPoint(ctx.signal);
      const inputMetrics = evaluator.measure(input, ctx.signal);
      await awaitInThread(evaluator, inputMetrics);
      const seed = s.seed * 1000 + round * 10;

      const unaligned = await permuteForStage(ctx, input, input, 'unalign', seed + 1);
      arena.track(unaligned.permuted);
      const stage1 = await connectAndPick(ctx, input, unaligned.permuted, {
        round,
        stage: 1,
        kind: 'unalign-connect',
        permutation: unaligned.record,
        permuteMs: unaligned.ms,
        seed: seed + 2,
      });
      arena.track(stage1.output);
      stageRecords.push(stage1.record);
      arena.dispose(unaligned.permuted);
      await ctx.checkpoint?.('stage');

      const aligned = await permuteForStage(ctx, stage1.output, input, 'align', seed + 3);
      arena.track(aligned.permuted);
      const stage2 = await connectAndPick(ctx, aligned.permuted, stage1.output, {
        round,
        stage: 2,
        kind: 'align-connect',
        permutation: aligned.record,
        permuteMs: aligned.ms,
        seed: seed + 4,
      });
      arena.track(stage2.output);
      stageRecords.push(stage2.record);
      arena.dispose(aligned.permuted);
      arena.dispose(stage1.output);
      arena.dispose(input);
      await ctx.checkpoint?.('stage');

      let next = stage2.output;
      let finetuned: Promise<TimedMetrics | null> = Promise.resolve(null);
      if (s.interRoundFinetune && round < s.rounds) {
        // step 1/1: the end of stage 2, so the run-wide progress bar does not step back
        ctx.emit({ type: 'progress', round, stage: 2, phase: 'inter-round fine-tuning', epoch: 0, epochs: s.finetuneEpochs, step: 1, totalSteps: 1 });
        next = arena.track(
          await finetuneOnClean(
            ctx,
            stage2.output,
            { epochs: s.finetuneEpochs, lr: s.finetuneLr, seed: seed + 5 },
            { phase: 'inter-round fine-tuning', round, stage: 2, lr: lrSetting(s, 'finetune') },
          ),
        );
        arena.dispose(stage2.output);
        await cancelPoint(ctx.signal);
        finetuned = evaluator.measure(next, ctx.signal);
        await awaitInThread(evaluator, finetuned);
      }
      const previous = reported;
      reported = Promise.all([previous, inputMetrics, stage1.record, stage2.record, finetuned]).then(([, inp, r1, r2, ft]) => {
        const record: RoundRecord = { round, input: { acc: inp.acc, asr: inp.asr }, stages: [r1, r2], finetuned: ft && { acc: ft.acc, asr: ft.asr } };
        rounds.push(record);
        ctx.emit({ type: 'round', record });
      });
      reported.catch(() => {}); // awaited below
      // in this thread: reported before the next round, as the page expects; in the background: one round
      // behind (that round's evaluations ran during this one), so a failed evaluation stops the run early
      await (evaluator.background ? previous : reported);
      input = next;
    }
    await reported;
    return { output: arena.release(input), rounds };
  } catch (err) {
    // a run that fails part-way still reports what was being measured in the background (its partial trace)
    await Promise.allSettled([reported, ...stageRecords]);
    throw err;
  } finally {
    arena.disposeAll();
  }
}
