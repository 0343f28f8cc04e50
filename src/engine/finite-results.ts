import { DivergenceError, formatValue, lrSuggestion, NonFiniteResultError } from './divergence';
import type { CurvePointRecord } from './evaluate';
import { lrSetting, type TscSettings } from './settings';
import type { AccAsr, TraceEvent } from './trace';

/*
 * No measured number may reach a trace (and through it JSON, where NaN and ±Infinity become null)
 * unless it is finite. runDefense checks each event before it is passed on, so a page or a CLI
 * never shows a non-finite loss as a number, and the error says which training caused it.
 */

const POINT_KEYS = ['cleanLoss', 'poisonedLoss', 'acc', 'asr'] as const;
const LABEL: Record<(typeof POINT_KEYS)[number], string> = { cleanLoss: 'clean loss', poisonedLoss: 'poisoned loss', acc: 'ACC', asr: 'ASR' };

/** The first non-finite metric of a curve, as "clean loss at t = 0.35 is Infinity", or null. */
function badPoint(curve: CurvePointRecord[]): { text: string; path: string; value: number } | null {
  for (const [i, p] of curve.entries()) {
    for (const key of POINT_KEYS) {
      if (!Number.isFinite(p[key])) return { text: `${LABEL[key]} at t = ${p.t} is ${formatValue(p[key])}`, path: `[${i}].${key}`, value: p[key] };
    }
  }
  return null;
}

const badAccAsr = (m: AccAsr): 'acc' | 'asr' | null => (!Number.isFinite(m.acc) ? 'acc' : !Number.isFinite(m.asr) ? 'asr' : null);

/** Throws NonFiniteResultError if `m` (named `path`, e.g. "before") holds a non-finite number. */
export function checkAccAsr(m: AccAsr, path: string): void {
  const key = badAccAsr(m);
  if (key) throw new NonFiniteResultError(`${path}.${key}`, m[key]);
}

/** Throws a DivergenceError (or NonFiniteResultError where no training explains it) if the event carries a non-finite number. */
export function checkEvent(event: TraceEvent, s: TscSettings): void {
  const curveLr = lrSetting(s, 'curve');
  const curveDiverged = (round: number, stage: number, phase: string, epoch: number, what: string) =>
    new DivergenceError({
      phase,
      round,
      stage,
      epoch,
      step: 0,
      what: `${curveLr.name} ${curveLr.value} diverged (${what})`,
      suggestion: lrSuggestion(curveLr),
    });
  switch (event.type) {
    case 'progress':
      return;
    case 'curve-epoch': {
      const bad = badPoint(event.curve);
      if (bad) throw curveDiverged(event.round, event.stage, 'fitting curve', event.epoch, `by epoch ${event.epoch} the curve's ${bad.text}`);
      return;
    }
    case 'stage': {
      const r = event.record;
      const where = `rounds[${r.round - 1}].stages[${r.stage - 1}]`;
      for (const [name, curve] of [
        ['curve', r.curve],
        ['line', r.line],
      ] as const) {
        const bad = badPoint(curve);
        if (!bad) continue;
        // a straight line that nothing trained: only the input weights can make it non-finite
        if (r.kind === 'line') throw new NonFiniteResultError(`${where}.${name}${bad.path}`, bad.value);
        throw curveDiverged(
          r.round,
          r.stage,
          'evaluating the curve',
          s.curveEpochs,
          `${name === 'curve' ? 'the fitted curve' : 'the straight line'}'s ${bad.text}`,
        );
      }
      const key = badAccAsr(r.output);
      if (key) {
        if (r.kind === 'line') throw new NonFiniteResultError(`${where}.output.${key}`, r.output[key]);
        throw curveDiverged(r.round, r.stage, 'evaluating the curve', s.curveEpochs, `θ(${r.output.t}) has ${LABEL[key]} ${formatValue(r.output[key])}`);
      }
      return;
    }
    case 'round': {
      const r = event.record;
      checkAccAsr(r.input, `rounds[${r.round - 1}].input`);
      const key = r.finetuned ? badAccAsr(r.finetuned) : null;
      if (r.finetuned && key) {
        const lr = lrSetting(s, 'finetune');
        throw new DivergenceError({
          phase: 'inter-round fine-tuning',
          round: r.round,
          stage: 2,
          epoch: s.finetuneEpochs,
          step: 0,
          what: `${lr.name} ${lr.value} diverged (the fine-tuned model has ${LABEL[key]} ${formatValue(r.finetuned[key])})`,
          suggestion: lrSuggestion(lr),
        });
      }
      return;
    }
  }
}
