import { curvePoint } from '../engine/curve';
import { toFloatImages } from '../engine/data/format';
import { EvalSet } from '../engine/evaluate';
import { PauseGate } from '../engine/pause-gate';
import { disposePlaneBasis, evaluatePlane, planeBasis } from '../engine/plane';
import { cloneParams, disposeParams, type Params } from '../engine/model/params';
import { runDefense } from '../engine/run-defense';
import { cancelledError } from '../engine/sgd';
import type { TscSettings } from '../engine/settings';
import { stageKey } from '../engine/trace';
import { entryTrigger, type ModelEntry } from '../engine/zoo';
import { sampleImages } from './evaluate';
import { secondWorkerEvaluators } from './eval-worker-start';
import { KeptOutput } from './export-model';
import { imageSet, loadZooParams } from './model-io';
import type { TriggerSpec } from '../engine/attacks/types';
import type { DescribedTrigger, LiveSnapshots, ModelFiles, PlaneResult, PreviewResult, WorkerEvent, WorkerRequest } from '../protocol/messages';

interface RetainedCurve {
  a: Params;
  c: Params;
  b: Params;
}

/**
 * One TSC (or baseline) run inside the worker, plus the fitted curves it keeps so the page can
 * preview θ(t) anywhere on any stage's curve after (or while) it runs.
 */
export class RunSession {
  private readonly controller = new AbortController();
  private readonly curves = new Map<string, RetainedCurve>();
  /** set by `run` before its first await, so a pause or step pressed while data loads is not lost */
  private gate = new PauseGate();
  /** the loss-plane computation in flight, if any (one at a time: a new request replaces it) */
  private plane: { requestId: number; controller: AbortController } | null = null;
  private disposed = false;
  /** the finished run's defense output, for the model export */
  readonly output = new KeptOutput();
  private active = false;
  /** why the run was stopped by the worker itself (its backend was lost), for the run-failed message */
  interruption: string | null = null;
  /** progress events are throttled to ~10 per second */
  private lastProgress = 0;

  /** the trigger every ASR of this session measures (the run, its previews, its loss planes), and its target */
  private readonly attack: TriggerSpec;
  private readonly target: number;

  /** `trigger`: the one the user described; absent: the model's own (a zoo model's recipe, a user model's trigger) and target */
  constructor(
    readonly requestId: number,
    private readonly entry: ModelEntry,
    private readonly dataBaseUrl: string,
    trigger?: DescribedTrigger,
  ) {
    const own = entryTrigger(entry);
    this.attack = trigger?.spec ?? own.spec;
    this.target = trigger?.target ?? own.target;
  }

  cancel(): void {
    this.controller.abort();
  }

  /** whether `run` is under way (data loading, computing or paused) */
  get running(): boolean {
    return this.active;
  }

  /** Stops the run for a reason of the worker's own (not the user's Cancel): it fails with `why`. */
  interrupt(why: string): void {
    this.interruption = why;
    this.cancel();
  }

  pause(): void {
    this.gate.pause();
  }

  resume(): void {
    this.gate.resume();
  }

  step(): void {
    this.gate.step();
  }

  async run(files: ModelFiles, settings: Partial<TscSettings>, live: LiveSnapshots, post: (e: WorkerEvent) => void): Promise<void> {
    this.gate.onPause = (paused) => post({ type: 'run-paused', requestId: this.requestId, paused });
    this.active = true;
    try {
      await this.runDefense(files, settings, live, post);
    } finally {
      this.active = false;
    }
  }

  private async runDefense(files: ModelFiles, settings: Partial<TscSettings>, live: LiveSnapshots, post: (e: WorkerEvent) => void): Promise<void> {
    const gate = this.gate;
    // Data first: if a fetch fails, no model tensors exist yet to leak.
    const [train, test] = await Promise.all([imageSet(this.dataBaseUrl, this.entry.dataset, 'train'), imageSet(this.dataBaseUrl, this.entry.dataset, 'test')]);
    const params = await loadZooParams(this.entry, files);
    try {
      const { trace, output } = await runDefense(
        { modelId: this.entry.id, arch: this.entry.arch, params, attack: this.attack, target: this.target, train, test },
        settings,
        {
          signal: this.controller.signal,
          liveEvalEvery: live.every,
          liveEvalSamples: live.samples,
          emit: (event) => {
            if (event.type === 'progress') {
              const now = performance.now();
              if (now - this.lastProgress < 100 && event.step !== event.totalSteps) return;
              this.lastProgress = now;
            }
            post({ type: 'run-event', requestId: this.requestId, event });
          },
          checkpoint: (at) => gate.checkpoint(at, this.controller.signal),
          // evaluation on a second Web Worker where it pays (src/worker/eval-worker-start.ts)
          curveEvaluator: secondWorkerEvaluators((why) => post({ type: 'eval-fallback', message: why })),
          onCurve: (round, stage, a, c, b) => {
            if (this.disposed) return; // a superseded run must not park clones in a freed session
            this.curves.set(stageKey(round, stage), { a: cloneParams(a), c: cloneParams(c), b: cloneParams(b) });
          },
        },
      );
      this.output.keep(this.entry.arch, output, trace);
      post({ type: 'run-done', requestId: this.requestId, trace });
    } finally {
      disposeParams(params);
    }
  }

  /** Predictions of θ(t) on the first non-target test images, clean and triggered. */
  async preview(requestId: number, round: number, stage: number, t: number, sampleCount: number): Promise<PreviewResult | null> {
    const curve = this.curves.get(stageKey(round, stage));
    if (!curve) return null;
    const test = await imageSet(this.dataBaseUrl, this.entry.dataset, 'test');
    const theta = curvePoint(curve.a, curve.c, curve.b, t);
    try {
      return { requestId, round, stage, t, ...(await sampleImages(this.entry.arch, theta, test, this.attack, this.target, sampleCount)) };
    } finally {
      disposeParams(theta);
    }
  }

  cancelPlane(requestId: number): void {
    if (this.plane?.requestId === requestId) this.plane.controller.abort();
  }

  /**
   * The loss plane of (round, stage)'s curve on the first `sampleCount` test images, coarse grid
   * first, then refined; posts the grid after every row. A newer request cancels this one.
   */
  async lossPlane(request: Extract<WorkerRequest, { type: 'plane' }>, post: (e: WorkerEvent) => void): Promise<void> {
    const curve = this.curves.get(stageKey(request.round, request.stage));
    if (!curve) throw new Error(`Round ${request.round} stage ${request.stage} has no fitted curve in this session yet; run it first.`);
    this.plane?.controller.abort();
    const controller = new AbortController();
    this.plane = { requestId: request.requestId, controller };
    const started = performance.now();
    let set: EvalSet | null = null;
    let basis = null;
    try {
      const test = await imageSet(this.dataBaseUrl, this.entry.dataset, 'test');
      // the session may have been replaced (its curves disposed) while the test images loaded
      if (controller.signal.aborted) throw cancelledError();
      const n = Math.min(request.sampleCount, test.count);
      set = EvalSet.build(toFloatImages(test, 0, n), test.labels, this.attack, this.target, n);
      const counts = { clean: set.clean.count, poisoned: set.poisoned.count };
      basis = await planeBasis(curve.a, curve.c, curve.b);
      const coords = basis.coords;
      const result = (progress: { grid: PlaneResult['grid']; done: number; total: number }, finished: boolean): PlaneResult => ({
        requestId: request.requestId,
        round: request.round,
        stage: request.stage,
        coords,
        grid: progress.grid,
        equalAxes: request.equalAxes,
        done: progress.done,
        total: progress.total,
        cleanCount: counts.clean,
        poisonedCount: counts.poisoned,
        seconds: (performance.now() - started) / 1000,
        finished,
      });
      let lastPost = 0;
      const grid = await evaluatePlane(this.entry.arch, basis, set, {
        coarse: request.coarse,
        finest: request.finest,
        margin: request.margin,
        equalAxes: request.equalAxes,
        // not the run's signal: a cancelled run keeps its curves, and their planes stay computable
        signal: controller.signal,
        onRow: (progress) => {
          // ~5 updates a second, and always when a level completes (the finest level's is the final post below)
          const now = performance.now();
          if (progress.levelDone ? progress.done === progress.total : now - lastPost < 200) return;
          lastPost = now;
          post({ type: 'plane', result: result(progress, false) });
        },
      });
      post({ type: 'plane', result: result({ grid, done: grid.n * grid.n, total: grid.n * grid.n }, true) });
    } finally {
      if (basis) disposePlaneBasis(basis);
      set?.dispose();
      if (this.plane?.controller === controller) this.plane = null;
    }
  }

  dispose(): void {
    this.plane?.controller.abort();
    this.disposed = true;
    this.output.dispose();
    for (const { a, c, b } of this.curves.values()) [a, c, b].forEach(disposeParams);
    this.curves.clear();
  }
}
