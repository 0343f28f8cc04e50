import { toFloatImages } from '../engine/data/format';
import type { ZooEntry } from '../engine/zoo';
import type { BackendProbe, ModelFiles } from '../protocol/messages';
import { checkModelFiles } from '../schema/model-weights';
import { PROBE_EVAL_IMAGES, PROBE_TOTAL_MS, probeBudget, probeCandidates } from './backend-choice';
import { fetchOk, imageSet } from './model-io';
import type { ProbeRequest } from './probe';

/** The name a probe worker is started with; src/worker/compute.worker.ts serves probes under it. */
export const PROBE_WORKER_NAME = 'backend-probe';
/** What a probe worker says: what the backend runs on once it has started, then the result. */
export type ProbeReply = { type: 'started' | 'done'; probe: BackendProbe };

/** The default model's files and a few of its test images, fetched once for every backend's probe. */
async function probeInput(entry: ZooEntry, files: ModelFiles, dataBaseUrl: string): Promise<Omit<ProbeRequest, 'name'>> {
  const [test, text, weights] = await Promise.all([
    imageSet(dataBaseUrl, entry.dataset, 'test'), // cached: the page's evaluation reads it next
    fetchOk(files.modelJsonUrl).then((r) => r.text()),
    fetchOk(files.weightsUrl).then((r) => r.arrayBuffer()),
  ]);
  // the same checks as every model the page loads (src/worker/model-io.ts)
  const checked = checkModelFiles(entry, text, new Uint8Array(weights));
  if (!checked.ok) throw new Error(checked.message);
  const n = Math.min(test.count, PROBE_EVAL_IMAGES);
  return {
    arch: entry.arch,
    modelJson: checked.modelJson,
    weights,
    images: toFloatImages(test, 0, n),
    labels: test.labels.slice(0, n),
    attack: entry.attack,
    target: entry.target,
  };
}

/**
 * Probes one backend in a worker of its own, a copy of this worker's script: stopping it is the
 * only way to bound a backend whose kernels block (WebGL compiles shaders synchronously), and it
 * takes the backend's device and tensors with it.
 */
function probeInWorker(request: ProbeRequest, budgetMs: number): Promise<BackendProbe> {
  return new Promise((resolve) => {
    const worker = new Worker(self.location.href, { type: 'module', name: PROBE_WORKER_NAME });
    let started: BackendProbe | null = null;
    const unstarted: BackendProbe = { name: request.name, detail: '', ...(request.threads !== undefined && { threads: request.threads }) };
    const done = (probe: BackendProbe) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(probe);
    };
    const budget = `${(budgetMs / 1000).toFixed(1)} s`;
    const timer = setTimeout(
      () => done(started ? { ...started, lost: `over its ${budget} budget` } : { ...unstarted, lost: `did not start within ${budget}` }),
      budgetMs,
    );
    worker.onmessage = (ev: MessageEvent<ProbeReply>) => {
      if (ev.data.type === 'started') started = ev.data.probe;
      else done(ev.data.probe);
    };
    worker.onerror = (ev) => done({ ...(started ?? unstarted), lost: ev.message || 'the probe worker failed' });
    worker.postMessage(request);
  });
}

/** Times every candidate (src/worker/backend-choice.ts probeCandidates) within PROBE_TOTAL_MS, one after another (they share the cores). */
export async function runProbes(entry: ZooEntry, files: ModelFiles, dataBaseUrl: string): Promise<BackendProbe[]> {
  // the budget is for timing backends: loading the model and test images first (the page needs the
  // images next anyway) must not leave a backend 'no time left' and get a partial probe remembered
  const input = await probeInput(entry, files, dataBaseUrl);
  const deadline = performance.now() + PROBE_TOTAL_MS;
  const candidates = probeCandidates(navigator.hardwareConcurrency || 1, Boolean(globalThis.crossOriginIsolated));
  const probes: BackendProbe[] = [];
  for (const [i, candidate] of candidates.entries()) {
    const budget = probeBudget(deadline - performance.now(), candidates.length - 1 - i);
    probes.push(budget > 0 ? await probeInWorker({ ...candidate, ...input }, budget) : { ...candidate, detail: '', lost: 'no time left' });
  }
  return probes;
}
