import type { BackendName, BackendProbe } from '../protocol/messages';

/**
 * The pure part of picking the page's backend (src/worker/backend.ts does the work): the plan, the
 * probe's budgets, the ranking of its results, and whether a remembered choice still holds.
 */

/**
 * The order the probe runs in: WASM first (steady on any CPU), then the GPU backends, whose work
 * may go on in the GPU process after their probe worker is stopped and would slow what runs next.
 */
export const PROBE_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl'];
/** A `?backend=` link starts at its backend and falls back along this list. */
export const FORCED_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** Backends without a finished probe, tried after the measured ones: CPU-side first, CPU last of all. */
const UNMEASURED_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'webgpu', 'cpu'];

/** The whole probe, from loading its model to the last backend's answer. */
export const PROBE_TOTAL_MS = 2800;
/** At most this for one backend (its worker's start, the backend's start, the steps, the evaluation)… */
export const PROBE_BACKEND_MAX_MS = 1800;
/** …and at least this kept for each backend still to come. */
export const PROBE_BACKEND_MIN_MS = 400;
/** Curve steps timed after one warm-up step (shader compilation, first allocations). */
export const PROBE_TIMED_STEPS = 3;
/** Test images in the probe's evaluation (clean, plus their triggered non-target twins). */
export const PROBE_EVAL_IMAGES = 256;

/** Time for the next backend's probe, given the time left and how many come after it. */
export function probeBudget(leftMs: number, backendsAfter: number): number {
  const budget = Math.min(PROBE_BACKEND_MAX_MS, leftMs - PROBE_BACKEND_MIN_MS * backendsAfter);
  return budget >= PROBE_BACKEND_MIN_MS / 2 ? budget : 0; // too little to start a backend: skipped
}

/** Threads for XNNPACK's pool: one per logical core, 1 to 4 (tfjs's default is half the cores: one on a 2-core machine). */
export function wasmThreadsFor(cores: number): number {
  return Math.max(1, Math.min(4, Math.floor(cores) || 1));
}

/** One backend configuration the probe times: WASM also on one thread, since more threads lose on a busy or small machine. */
export interface ProbeCandidate {
  name: BackendName;
  /** WASM only: the thread pool to start with */
  threads?: number;
}

/**
 * What the probe times, in PROBE_ORDER: WASM on every core and, when that is more than one thread,
 * WASM on one thread too (measured here: on 2 busy cores, one thread ran the live demo in 19 s where
 * two took 40 s), then the GPU backends.
 */
export function probeCandidates(cores: number, isolated: boolean): ProbeCandidate[] {
  const threads = isolated ? wasmThreadsFor(cores) : 1;
  return PROBE_ORDER.flatMap((name): ProbeCandidate[] =>
    name !== 'wasm'
      ? [{ name }]
      : threads > 1
        ? [
            { name, threads },
            { name, threads: 1 },
          ]
        : [{ name, threads }],
  );
}

/** The thread count of the fastest finished WASM probe (undefined: none finished, use the default). */
export function wasmThreadsChoice(probes: readonly BackendProbe[] | undefined): number | undefined {
  const wasm = (probes ?? []).filter((p) => p.name === 'wasm' && finished(p)) as (BackendProbe & { msPerStep: number; evalMs: number })[];
  return wasm.sort((a, b) => probeScore(a) - probeScore(b))[0]?.threads;
}

const finished = (p: BackendProbe): p is BackendProbe & { msPerStep: number; evalMs: number } =>
  p.lost === undefined && Number.isFinite(p.msPerStep) && Number.isFinite(p.evalMs);

/** The probe's measured work: the timed steps and the evaluation, as the page mixes them. */
export const probeScore = (p: { msPerStep: number; evalMs: number }) => p.msPerStep * PROBE_TIMED_STEPS + p.evalMs;

/**
 * The order to start backends in after a probe: finished probes fastest first (a software WebGPU
 * adapter competes on its time like the rest, so it never beats a faster WASM), then the others,
 * CPU-side first and the CPU backend last, for when the winner cannot start in the compute worker.
 */
export function rankBackends(probes: readonly BackendProbe[]): BackendName[] {
  const measured = probes.filter(finished).sort((a, b) => probeScore(a) - probeScore(b) || PROBE_ORDER.indexOf(a.name) - PROBE_ORDER.indexOf(b.name));
  const first = [...new Set(measured.map((p) => p.name))]; // WASM may be measured at two thread counts
  return [...first, ...UNMEASURED_ORDER.filter((n) => !first.includes(n))];
}

/**
 * Where a worker goes when its backend stops working under it (a lost WebGPU device): the probe's
 * ranking if there was one, else the forced order on from `lost`, then the backends before it;
 * never `lost` again (its device is gone for this worker).
 */
export function fallbackOrder(lost: BackendName, probes?: readonly BackendProbe[]): BackendName[] {
  const at = FORCED_ORDER.indexOf(lost);
  const order = probes && probes.length > 0 ? rankBackends(probes) : [...FORCED_ORDER.slice(at + 1), ...FORCED_ORDER.slice(0, at)];
  return order.filter((name) => name !== lost);
}

/** A probe's result remembered in this browser (src/worker/backend-cache.ts). */
export interface CachedChoice {
  format: 1;
  /** package.json's version when it was measured: a new release measures again */
  appVersion: string;
  /** the WebGPU adapter's description ('' without WebGPU): a new GPU or driver measures again */
  adapter: string;
  /** WASM threads need cross-origin isolation, so hosting with or without it measures again */
  crossOriginIsolated: boolean;
  backend: BackendName;
  probes: BackendProbe[];
  savedAt: number;
}

export type ChoiceEnvironment = Pick<CachedChoice, 'appVersion' | 'adapter' | 'crossOriginIsolated'>;

const BACKENDS: readonly BackendName[] = FORCED_ORDER;
const isBackend = (x: unknown): x is BackendName => BACKENDS.includes(x as BackendName);
const isProbe = (x: unknown): x is BackendProbe =>
  typeof x === 'object' && x !== null && isBackend((x as BackendProbe).name) && typeof (x as BackendProbe).detail === 'string';

/** The remembered choice if it was measured in this same environment (and is well formed), else null. */
export function usableCache(raw: unknown, env: ChoiceEnvironment): CachedChoice | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Partial<CachedChoice>;
  if (c.format !== 1 || !isBackend(c.backend) || !Array.isArray(c.probes) || !c.probes.every(isProbe) || typeof c.savedAt !== 'number') return null;
  if (c.appVersion !== env.appVersion || c.adapter !== env.adapter || c.crossOriginIsolated !== env.crossOriginIsolated) return null;
  return c as CachedChoice;
}

export type BackendPlan =
  /** a `?backend=` link: no probe, no cache; falls back only if that backend cannot start */
  | { choice: 'forced'; order: BackendName[] }
  /** this browser measured before, in the same environment */
  | { choice: 'cached'; order: BackendName[]; cached: CachedChoice }
  | { choice: 'probe' };

export function planBackend(preferred: BackendName | 'auto', cached: CachedChoice | null): BackendPlan {
  if (preferred !== 'auto') return { choice: 'forced', order: FORCED_ORDER.slice(FORCED_ORDER.indexOf(preferred)) };
  if (cached) return { choice: 'cached', order: [cached.backend, ...rankBackends(cached.probes).filter((b) => b !== cached.backend)], cached };
  return { choice: 'probe' };
}
