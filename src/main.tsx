import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './app/actions';
import { watchPrecomputed } from './app/precomputed-loader';
import { startUrlSync } from './app/url-sync';
import { startUserModels } from './app/user-models';
import { installManifest } from './app/zoo-manifest';
import { ComputeClient } from './compute/client';
import { DeferredWorker } from './compute/deferred-worker';
import { modelFiles } from './compute/model-files';
import { DEFAULT_MODEL_ID } from './engine/zoo';
import { storeSink } from './store/compute-sink';
import { loadLastRun } from './store/run-archive';
import { useAppStore } from './store/store';
import { App } from './views/App';
import { AppGuard } from './views/errors/AppGuard';
import { loadLazyViews } from './views/lazy-views';
import './styles.css';

// The one place where the layers meet: store ← sink ← client → worker, and the actions views call.
// The zoo, validated; a bad entry is left out and reported.
const models = installManifest();
// The view in the link (model, settings, selection, t, lecture step, backend) before the trace loads; then the URL follows the view.
const { backend } = startUrlSync();
// The selected model's precomputed trace; a restored run of the same model takes precedence (restoreRun, showPrecomputed).
watchPrecomputed();
// The user's own models (IndexedDB) join the zoo's in the picker.
startUserModels();
void loadLastRun(useAppStore.getState().addNotice).then((run) => run && useAppStore.getState().restoreRun(run));
const spawnWorker = () => new Worker(new URL('./worker/compute.worker.ts', import.meta.url), { type: 'module' });
const worker = new DeferredWorker(spawnWorker);
const dataBaseUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
// The backend probe times the page's default model, whatever the link opens, so its result holds for every visit.
const probeEntry = models.find((m) => m.id === DEFAULT_MODEL_ID);
const probeModel = probeEntry && { entry: probeEntry, files: modelFiles(probeEntry.modelJson, probeEntry.weights) };
// A worker that crashes or stops answering is replaced by a fresh one, started at once.
const client = new ComputeClient(worker, storeSink, backend, dataBaseUrl, { probeModel, respawn: spawnWorker });

// The worker starts once the first view is on screen (the precomputed trace drawn, or known to be
// missing), or after FIRST_VIEW_WAIT_MS whatever happens: a frame after that paint, not before it.
// Then the lazy views' chunks load too (lecture mode is not on screen yet), so a click shows them at once.
const FIRST_VIEW_WAIT_MS = 1500;
const startWorker = () =>
  requestAnimationFrame(() =>
    setTimeout(() => {
      worker.start();
      loadLazyViews().catch(() => undefined); // a chunk that fails here is fetched again when its view renders, and its ViewGuard says why
    }, 0),
  );
const firstViewReady = (s: ReturnType<typeof useAppStore.getState>) =>
  s.precomputed !== null || s.restored !== null || (s.precomputedStatus !== null && s.precomputedStatus.state !== 'loading');
const stopWaiting = useAppStore.subscribe((s) => {
  if (!firstViewReady(s)) return;
  stopWaiting();
  startWorker();
});
setTimeout(() => {
  stopWaiting();
  worker.start();
}, FIRST_VIEW_WAIT_MS);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <AppGuard>
      <App actions={createActions(client)} />
    </AppGuard>
  </StrictMode>,
);
