import { USER_MODEL_PREFIX } from '../engine/zoo';
import { parseTracePack } from '../schema/trace-pack';
import { useAppStore } from '../store/store';

export const MISSING_MESSAGE = 'no precomputed trace for this model yet: press Run live';
export const USER_MODEL_MESSAGE = 'your own model: nothing is precomputed for it; press Run to purify it in this page';

/** Where the app ships a model's precomputed TSC trace (public/traces/, served under the base URL). */
export const traceUrl = (modelId: string, base: string = import.meta.env.BASE_URL) => `${base}traces/${modelId}.tsc.json`;

let latest = 0;

export interface LoadOptions {
  fetchFn?: typeof fetch;
  /** the app's base URL (Vite's BASE_URL by default) */
  base?: string;
  /** the start-up load: a run restored from the user's last visit wins over the pack, whatever its model */
  startup?: boolean;
}

/**
 * Fetches and shows the model's precomputed TSC trace, unless a live run goes. A 404 (or the
 * server's HTML fallback page) means none was shipped. An answer that arrives after the user
 * picked another model is dropped: only the newest request may touch the store.
 */
export async function loadPrecomputed(modelId: string, { fetchFn = fetch, base, startup = false }: LoadOptions = {}): Promise<void> {
  const store = () => useAppStore.getState();
  if (store().status === 'running') return;
  const request = ++latest;
  const current = () => request === latest && store().selectedModelId === modelId;
  store().precomputedLoading(modelId);
  // a model the user imported or trained was never precomputed: nothing to fetch
  if (modelId.startsWith(USER_MODEL_PREFIX)) return store().precomputedFailed(modelId, 'missing', USER_MODEL_MESSAGE);
  const url = traceUrl(modelId, base);
  try {
    const response = await fetchFn(url);
    if (!current()) return;
    const html = response.headers.get('content-type')?.includes('text/html') ?? false;
    if (response.status === 404 || (response.ok && html)) return store().precomputedFailed(modelId, 'missing', MISSING_MESSAGE);
    if (!response.ok) return store().precomputedFailed(modelId, 'failed', `${url}: HTTP ${response.status} ${response.statusText}`.trim());
    const text = await response.text();
    if (!current()) return;
    const parsed = parseTracePack(text, url);
    if (parsed.ok) store().showPrecomputed(modelId, parsed.pack, { yieldToRestored: startup });
    else store().precomputedFailed(modelId, 'failed', parsed.message);
  } catch (err) {
    if (current()) store().precomputedFailed(modelId, 'failed', `${url} could not be loaded: ${(err as Error).message}`);
  }
}

/** Loads the selected model's trace now and after every model change; returns the unsubscribe. */
export function watchPrecomputed(options: Omit<LoadOptions, 'startup'> = {}): () => void {
  void loadPrecomputed(useAppStore.getState().selectedModelId, { ...options, startup: true });
  return useAppStore.subscribe((s, prev) => {
    if (s.selectedModelId !== prev.selectedModelId) void loadPrecomputed(s.selectedModelId, options);
  });
}
