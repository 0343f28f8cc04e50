import * as tf from '@tensorflow/tfjs';
import type { TriggerSpec } from './attacks/types';
import { cancelPoint } from './cancel';
import type { ImageSet } from './data/format';
import { selectImages, toFloatImages } from './data/format';
import { stratifiedSplit } from './data/split';
import { runFinetune, runLine, runMcr } from './defenses/baselines';
import type { DefenseContext } from './defenses/context';
import type { CurveEvaluator, EvalSetSpec } from './defenses/curve-evaluator';
import { runTsc } from './defenses/tsc';
import { DivergenceError, NonFiniteResultError, type PartialTrace } from './divergence';
import { EvalSet, evaluateModel } from './evaluate';
import { checkAccAsr, checkEvent } from './finite-results';
import type { ArchId } from './model/arch';
import { cloneParams, disposeParams, type Params } from './model/params';
import { withDefaults, type TscSettings } from './settings';
import { DeviceDataset } from './sgd';
import { TRACE_VERSION, type RoundRecord, type Trace, type TraceEvent } from './trace';

export interface DefenseInput {
  modelId: string;
  arch: ArchId;
  /** θ_adv; not consumed */
  params: Params;
  attack: TriggerSpec;
  target: number;
  /** the clean training split (D_c is drawn from it) and the test split */
  train: ImageSet;
  test: ImageSet;
}

export interface RunOptions {
  emit?: (event: TraceEvent) => void;
  signal?: AbortSignal;
  liveEvalEvery?: number;
  /**
   * at most this many test images for the live snapshots (the page caps them so that watching a
   * curve grow costs little next to fitting it); default: the curve-evaluation images
   */
  liveEvalSamples?: number;
  onCurve?: DefenseContext['onCurve'];
  checkpoint?: DefenseContext['checkpoint'];
  /**
   * makes the evaluator of each fitted curve and line, given what it needs to build the run's eval
   * subset itself (Node: src/engine/node/eval-thread.ts, on a second core); default: in this thread.
   * The run disposes it.
   */
  curveEvaluator?: (spec: EvalSetSpec) => CurveEvaluator;
}

/** D_c: a seeded, class-stratified share of the clean training split (docs/method.md §1.1). */
export function cleanSubset(train: ImageSet, fraction: number, seed: number): ImageSet {
  const n = Math.max(1, Math.round(train.count * fraction));
  return selectImages(train, stratifiedSplit(train.labels, n, seed).test);
}

/**
 * Runs one defense (TSC or a baseline) end to end and returns its trace and the purified params
 * (caller owns them). Every tensor it creates is disposed before it returns.
 * Settings are checked before anything is computed (withDefaults). A run whose training diverges
 * or whose measurements are not finite rejects with a DivergenceError or NonFiniteResultError
 * whose `partial` holds everything measured before; no event with a non-finite number is emitted.
 */
export async function runDefense(input: DefenseInput, partial: Partial<TscSettings>, opts: RunOptions = {}): Promise<{ trace: Trace; output: Params }> {
  const settings = withDefaults(partial);
  const started = performance.now();
  const subset = cleanSubset(input.train, settings.cleanFraction, settings.seed);
  const cleanImages = toFloatImages(subset);
  const testImages = toFloatImages(input.test);
  // Device datasets are built one by one so that a failure part-way disposes the ones already made.
  const built: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(x: T): T => (built.push(x), x);
  const measured: PartialTrace = { model: input.modelId, defense: settings.defense, settings, before: null, rounds: [], stages: [], wallSeconds: 0 };
  const emit = opts.emit ?? (() => {});
  const checkedEmit = (event: TraceEvent) => {
    checkEvent(event, settings);
    if (event.type === 'stage') measured.stages.push(event.record);
    if (event.type === 'round') {
      measured.rounds.push(event.record);
      measured.stages = [];
    }
    emit(event);
  };
  try {
    const evalSet = keep(EvalSet.build(testImages, input.test.labels, input.attack, input.target, settings.evalSamples));
    const liveCap = opts.liveEvalSamples ?? Infinity;
    const liveSet = liveCap < evalSet.clean.count ? keep(EvalSet.build(testImages, input.test.labels, input.attack, input.target, liveCap)) : evalSet;
    const evalSpec: EvalSetSpec = {
      arch: input.arch,
      images: testImages,
      labels: input.test.labels,
      attack: input.attack,
      target: input.target,
      evalSamples: settings.evalSamples,
      testSamples: settings.testSamples || Infinity,
      ...((opts.liveEvalEvery ?? 0) > 0 && { liveSamples: liveCap }),
    };
    const curveEvaluator = opts.curveEvaluator ? keep(opts.curveEvaluator(evalSpec)) : undefined;
    const ctx: DefenseContext = {
      arch: input.arch,
      attack: input.attack,
      target: input.target,
      settings,
      clean: keep(new DeviceDataset(cleanImages, subset.labels)),
      cleanImages,
      evalSet,
      curveEvaluator,
      testSet: keep(EvalSet.build(testImages, input.test.labels, input.attack, input.target, settings.testSamples || Infinity)),
      emit: checkedEmit,
      signal: opts.signal,
      liveEvalEvery: opts.liveEvalEvery ?? 0,
      liveSet,
      onCurve: opts.onCurve,
      checkpoint: opts.checkpoint,
    };
    const before = await evaluateModel(input.arch, input.params, ctx.testSet);
    checkAccAsr(before, 'before');
    measured.before = { acc: before.acc, asr: before.asr };
    let result: { output: Params; rounds: RoundRecord[] };
    switch (settings.defense) {
      case 'tsc':
        result = await runTsc(ctx, input.params);
        break;
      case 'mcr':
        result = await runMcr(ctx, input.params);
        break;
      case 'ft':
        result = await runFinetune(ctx, input.params);
        break;
      case 'line':
        result = await runLine(ctx, input.params);
        break;
      case 'none':
        result = { output: cloneParams(input.params), rounds: [] };
        break;
    }
    let after;
    try {
      await cancelPoint(opts.signal);
      after = await evaluateModel(input.arch, result.output, ctx.testSet);
      checkAccAsr(after, 'after');
    } catch (err) {
      disposeParams(result.output);
      throw err;
    }
    const trace: Trace = {
      version: TRACE_VERSION,
      model: input.modelId,
      defense: settings.defense,
      settings,
      backend: tf.getBackend(),
      cleanSubsetSize: subset.count,
      evalSubset: { clean: ctx.evalSet.clean.count, poisoned: ctx.evalSet.poisoned.count },
      testSet: { clean: ctx.testSet.clean.count, poisoned: ctx.testSet.poisoned.count },
      before: { acc: before.acc, asr: before.asr },
      after: { acc: after.acc, asr: after.asr },
      rounds: result.rounds,
      wallSeconds: (performance.now() - started) / 1000,
      trigger: { spec: input.attack, target: input.target },
    };
    return { trace, output: result.output };
  } catch (err) {
    if (err instanceof DivergenceError || err instanceof NonFiniteResultError) err.partial = { ...measured, wallSeconds: (performance.now() - started) / 1000 };
    throw err;
  } finally {
    built.forEach((d) => d.dispose());
  }
}
