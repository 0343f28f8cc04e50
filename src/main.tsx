import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useAppStore } from './store/store';
import { App } from './views/App';
import { ComputeClient, backendFromUrl, manifest } from './worker/client';
import './styles.css';

useAppStore.getState().setManifest(manifest);
const client = new ComputeClient(backendFromUrl(window.location.search));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
