import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLastRun } from './store/run-archive';
import { useAppStore } from './store/store';
import { App } from './views/App';
import { ComputeClient, backendFromUrl, manifest } from './worker/client';
import './styles.css';

useAppStore.getState().setManifest(manifest);
void loadLastRun().then((run) => run && useAppStore.getState().restoreRun(run));
const client = new ComputeClient(backendFromUrl(window.location.search));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
