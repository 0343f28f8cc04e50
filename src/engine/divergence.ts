import type { AccAsr, RoundRecord, StageRecord, Trace } from './trace';

/**
 * Mean cross-entropy past which training has blown up rather than learned: chance on 10 classes is
 * ln 10 ≈ 2.3, and no curve or straight line in the shipped traces (public/traces/) exceeds 2.7.
 * A finite loss this large still means garbage weights (an MLP at curve lr 50 reaches 1e6 without a NaN).
 */
export const LOSS_BLOW_UP = 100;

/** The learning rate a training loop runs with, named as the user sets it, and one known to work. */
export interface LrSetting {
  /** e.g. 'curve lr' (page, CLI) or 'finetuneLr' (a TscSettings key with no flag) */
  name: string;
  value: number;
  /** a value that works on the zoo; the suggestion never goes above it */
  safe: number;
}

/** Which loop is training, for the message: the same round, stage and phase the progress events name. */
export interface TrainingPhase {
  phase: string;
  round: number;
  stage: number;
  lr: LrSetting;
}

/** "try curve lr ≤ 0.2": the known-good value, or a tenth of the current one if that already failed. */
export function lrSuggestion(lr: LrSetting): string {
  const next = lr.value > lr.safe ? lr.safe : lr.value / 10;
  return `try ${lr.name} ≤ ${Number(next.toPrecision(2))}`;
}

/** 130, 0.042, 5.4e+12, NaN, Infinity: two significant digits, exponents only for the very large or small. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const p = Number(x.toPrecision(2));
  return Math.abs(p) >= 1e4 || (p !== 0 && Math.abs(p) < 1e-3) ? p.toExponential(1) : String(p);
}

/** What a run had measured before it stopped: the finished rounds and the stages of the round in progress. */
export interface PartialTrace {
  model: string;
  defense: Trace['defense'];
  settings: Trace['settings'];
  before: AccAsr | null;
  rounds: RoundRecord[];
  /** stages of the unfinished round (a finished round's stages are in `rounds`) */
  stages: StageRecord[];
  wallSeconds: number;
}

export interface DivergenceDetail {
  phase: string;
  round: number;
  stage: number;
  /** 1-based; 0 when the check was not inside an epoch */
  epoch: number;
  /** 1-based step within the epoch; 0 when the check was not per step (parameters, evaluations) */
  step: number;
  /** what went wrong, e.g. "curve lr 50 diverged at epoch 1, step 3 (loss NaN)" */
  what: string;
  /** what to change, e.g. "try curve lr ≤ 0.2" */
  suggestion: string;
}

/**
 * Training produced a non-finite or blown-up loss, non-finite weights, or weights whose evaluation is
 * not finite. The run stops at that stage; `partial` (set by runDefense) keeps what it measured before.
 */
export class DivergenceError extends Error {
  override readonly name = 'DivergenceError';
  readonly phase: string;
  readonly round: number;
  readonly stage: number;
  readonly epoch: number;
  readonly step: number;
  readonly suggestion: string;
  partial: PartialTrace | null = null;

  constructor(detail: DivergenceDetail) {
    super(`Round ${detail.round}, stage ${detail.stage} (${detail.phase}): ${detail.what}; ${detail.suggestion}.`);
    this.phase = detail.phase;
    this.round = detail.round;
    this.stage = detail.stage;
    this.epoch = detail.epoch;
    this.step = detail.step;
    this.suggestion = detail.suggestion;
  }
}

/** A measured number that is not finite where no training explains it (e.g. the input model's own metrics). */
export class NonFiniteResultError extends Error {
  override readonly name = 'NonFiniteResultError';
  partial: PartialTrace | null = null;

  constructor(
    readonly path: string,
    readonly value: number,
  ) {
    super(
      `The run measured ${path} = ${formatValue(value)}, which is not a number it can report; check the model files (models/) and the data (npm run prepare-data -- --force).`,
    );
  }
}
