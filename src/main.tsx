import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './app/actions';
import { watchPrecomputed } from './app/precomputed-loader';
import { startUrlSync } from './app/url-sync';
import { ComputeClient } from './compute/client';
import { manifest } from './compute/model-files';
import { storeSink } from './store/compute-sink';
import { loadLastRun } from './store/run-archive';
import { useAppStore } from './store/store';
import { App } from './views/App';
import './styles.css';

// The one place where the layers meet: store ← sink ← client → worker, and the actions views call.
useAppStore.getState().setManifest(manifest);
// The view in the link (model, settings, selection, t, lecture step, backend) before the trace loads; then the URL follows the view.
const { backend } = startUrlSync();
// The selected model's precomputed trace; a restored run of the same model takes precedence (restoreRun, showPrecomputed).
watchPrecomputed();
void loadLastRun().then((run) => run && useAppStore.getState().restoreRun(run));
const worker = new Worker(new URL('./worker/compute.worker.ts', import.meta.url), { type: 'module' });
const dataBaseUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
const client = new ComputeClient(worker, storeSink, backend, dataBaseUrl);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App actions={createActions(client)} />
  </StrictMode>,
);
