import { applyTrigger, gatherImages } from '../engine/attacks';
import { curvePoint } from '../engine/curve';
import { toFloatImages } from '../engine/data/format';
import { nonTargetIndices, predictClasses } from '../engine/metrics';
import { cloneParams, disposeParams, type Params } from '../engine/model/params';
import { runDefense } from '../engine/run-defense';
import type { TscSettings } from '../engine/settings';
import type { ZooEntry } from '../engine/zoo';
import { toSamples } from './evaluate';
import { imageSet, loadZooParams } from './model-io';
import type { ModelFiles, PreviewResult, WorkerEvent } from './protocol';

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
  private disposed = false;
  /** progress events are throttled to ~10 per second */
  private lastProgress = 0;

  constructor(
    readonly requestId: number,
    private readonly entry: ZooEntry,
    private readonly dataBaseUrl: string,
  ) {}

  cancel(): void {
    this.controller.abort();
  }

  async run(files: ModelFiles, settings: Partial<TscSettings>, liveEvalEvery: number, post: (e: WorkerEvent) => void): Promise<void> {
    // Data first: if a fetch fails, no model tensors exist yet to leak.
    const [train, test] = await Promise.all([imageSet(this.dataBaseUrl, this.entry.dataset, 'train'), imageSet(this.dataBaseUrl, this.entry.dataset, 'test')]);
    const params = await loadZooParams(this.entry, files);
    try {
      const { trace, output } = await runDefense(
        { modelId: this.entry.id, arch: this.entry.arch, params, attack: this.entry.attack, target: this.entry.target, train, test },
        settings,
        {
          signal: this.controller.signal,
          liveEvalEvery,
          emit: (event) => {
            if (event.type === 'progress') {
              const now = performance.now();
              if (now - this.lastProgress < 100 && event.step !== event.totalSteps) return;
              this.lastProgress = now;
            }
            post({ type: 'run-event', requestId: this.requestId, event });
          },
          onCurve: (round, stage, a, c, b) => {
            if (this.disposed) return; // a superseded run must not park clones in a freed session
            this.curves.set(`${round}/${stage}`, { a: cloneParams(a), c: cloneParams(c), b: cloneParams(b) });
          },
        },
      );
      disposeParams(output);
      post({ type: 'run-done', requestId: this.requestId, trace });
    } finally {
      disposeParams(params);
    }
  }

  /** Predictions of θ(t) on the first non-target test images, clean and triggered. */
  async preview(requestId: number, round: number, stage: number, t: number, sampleCount: number): Promise<PreviewResult | null> {
    const curve = this.curves.get(`${round}/${stage}`);
    if (!curve) return null;
    const test = await imageSet(this.dataBaseUrl, this.entry.dataset, 'test');
    const victims = nonTargetIndices(test.labels, this.entry.target).subarray(0, sampleCount);
    const clean = gatherImages(toFloatImages(test, 0, Math.max(...victims) + 1), victims);
    const triggered = applyTrigger(this.entry.attack, clean);
    const theta = curvePoint(curve.a, curve.c, curve.b, t);
    try {
      const labels = Array.from(victims, (i) => test.labels[i]);
      return {
        requestId,
        round,
        stage,
        t,
        clean: toSamples(clean, labels, await predictClasses(this.entry.arch, theta, clean), victims.length),
        triggered: toSamples(triggered, labels, await predictClasses(this.entry.arch, theta, triggered), victims.length),
      };
    } finally {
      disposeParams(theta);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const { a, c, b } of this.curves.values()) [a, c, b].forEach(disposeParams);
    this.curves.clear();
  }
}
