import type { ZooEntry } from '../engine/zoo';
import type { BackendName, BackendProbe, BackendStatus, ModelFiles } from '../protocol/messages';
import { loadChoice, saveChoice } from './backend-cache';
import { planBackend, rankBackends, usableCache, wasmThreadsChoice, type ChoiceEnvironment } from './backend-choice';
import { runProbes } from './probe-runner';
import { adapterDescription, startBackend } from './start-backend';

/**
 * Picks this worker's tfjs backend. A `?backend=` link forces one (falling back along
 * FORCED_ORDER if it cannot start). Otherwise the fastest by measurement: a probe of every backend
 * on the default model (src/worker/probe-runner.ts), remembered per browser until the app version,
 * the WebGPU adapter or cross-origin isolation changes. Without a probe model, WASM → WebGL →
 * WebGPU → CPU.
 */
export async function selectBackend(
  preferred: BackendName | 'auto',
  dataBaseUrl: string,
  probeModel?: { entry: ZooEntry; files: ModelFiles },
): Promise<BackendStatus> {
  const isolated = Boolean(globalThis.crossOriginIsolated);
  const env: ChoiceEnvironment | null =
    preferred === 'auto'
      ? { appVersion: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev', adapter: await adapterDescription(), crossOriginIsolated: isolated }
      : null;
  const plan = planBackend(preferred, env && usableCache(await loadChoice(), env));
  const reasons: string[] = [];
  let probes: BackendProbe[] | undefined = plan.choice === 'cached' ? plan.cached.probes : undefined;
  let order = plan.choice === 'probe' ? [] : plan.order;
  if (plan.choice === 'probe') {
    // a probe that cannot load its model or data leaves the fixed order; the page's own load says what is wrong
    probes = probeModel ? await runProbes(probeModel.entry, probeModel.files, dataBaseUrl).catch(() => []) : [];
    order = rankBackends(probes);
  }
  for (const name of order) {
    // WASM on the thread count that won its probe (fresh or remembered), else the default
    const started = await startBackend(name, name === 'wasm' ? wasmThreadsChoice(probes) : undefined);
    if (!started.ok) {
      reasons.push(`${name}: ${started.reason}`);
      continue;
    }
    // remembered only when measured: a winner by default (every probe lost) is measured again next time
    const measured = probes?.some((p) => p.name === name && p.lost === undefined);
    if (env && plan.choice === 'probe' && probes && measured) await saveChoice({ format: 1, ...env, backend: name, probes, savedAt: Date.now() });
    return {
      name,
      // after a probe, backends that lost are in `probes`; only a winner that would not start here is a fallback
      fallbackReasons: reasons,
      detail: started.detail,
      choice: plan.choice,
      ...(preferred !== 'auto' && { requested: preferred }),
      probes,
      crossOriginIsolated: isolated,
      ...(started.threads !== undefined && { wasmThreads: started.threads }),
    };
  }
  throw new Error(`No TensorFlow.js backend could start: ${reasons.join('; ')}`);
}
