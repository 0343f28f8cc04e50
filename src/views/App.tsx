import { useEffect } from 'react';
import { useAppStore } from '../store/store';
import type { ComputeClient } from '../worker/client';
import { AttackPreview } from './AttackPreview';
import { BackendChip } from './BackendChip';
import { MetricsPanel } from './MetricsPanel';
import { ModelPicker } from './ModelPicker';
import { SamplesGrid } from './SamplesGrid';

/** The page: renders from the store; the only effect asks the worker to evaluate the chosen model. */
export function App({ client }: { client: ComputeClient }) {
  const selectedId = useAppStore((s) => s.selectedModelId);
  const ready = useAppStore((s) => s.models.length > 0);
  useEffect(() => {
    if (ready) client.evaluate(selectedId);
  }, [client, selectedId, ready]);
  return (
    <div className="app">
      <header className="topbar">
        <div>
          <h1>TSC backdoor-purification visualizer</h1>
          <p className="subtitle">Two-stage Symmetry Connectivity (Peng et al., ICML 2025), computed live in your browser</p>
        </div>
        <BackendChip />
      </header>
      <main className="layout">
        <aside className="sidebar">
          <ModelPicker />
          <AttackPreview />
        </aside>
        <div className="content">
          <MetricsPanel />
          <SamplesGrid />
        </div>
      </main>
    </div>
  );
}
