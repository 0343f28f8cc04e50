import { useEffect } from 'react';
import { USER_MODEL_PREFIX } from '../engine/zoo';
import { useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';
import { AttackPreview } from './AttackPreview';
import { TriggerEditor } from './trigger/TriggerEditor';
import { BackendChip } from './BackendChip';
import { ViewGuard } from './errors/ViewGuard';
import { HistoryPanels } from './history/HistoryPanels';
import { LectureToggle } from './lecture/LectureToggle';
import { Deferred, LazyLectureView, LazyLossPlane, LazyPermutationMatrix, LazyTrainModelPanel, LazyTrapReplacePanel } from './lazy-views';
import { LinkTools } from './LinkTools';
import { MetricsPanel } from './MetricsPanel';
import { ModelPicker } from './ModelPicker';
import { ImportModelPanel } from './import-model/ImportModelPanel';
import { LossCurve } from './loss-curve/LossCurve';
import { PrecomputedLabel } from './PrecomputedLabel';
import { RecoveryNotice } from './RecoveryNotice';
import { ResultsTable } from './ResultsTable';
import { DefenseComparisonTable } from './DefenseComparisonTable';
import { RunPanel } from './run-panel/RunPanel';
import { SamplesGrid } from './SamplesGrid';
import { StagePicker } from './StagePicker';
import { TControl } from './TControl';

/**
 * The page: renders from the store; the only effect asks the worker to evaluate the chosen model.
 * The loss plane, the permutation matrices and lecture mode load in chunks of their own
 * (src/views/lazy-views.tsx): the first picture, the loss curves, does not wait for them.
 * Each panel has its own error boundary (src/views/errors/ViewGuard.tsx): one that throws is replaced
 * by its message and the rest keeps working.
 */
export function App({ actions }: { actions: AppActions }) {
  const selectedId = useAppStore((s) => s.selectedModelId);
  // a user model is known once IndexedDB was read (src/store/slices/user-models.ts)
  const ready = useAppStore((s) => s.models.length > 0 && (s.userModelsLoaded || !s.selectedModelId.startsWith(USER_MODEL_PREFIX)));
  const lecture = useAppStore((s) => s.lecture.on);
  useEffect(() => {
    if (ready) actions.evaluate(selectedId);
  }, [actions, selectedId, ready]);
  return (
    <div className="app">
      <header className="topbar">
        <div>
          <h1>TSC backdoor-purification visualizer</h1>
          <p className="subtitle">Two-stage Symmetry Connectivity (Peng et al., ICML 2025), precomputed traces, or computed live in your browser</p>
        </div>
        <div className="topbar-tools">
          <LinkTools />
          <ViewGuard view="lecture-toggle">
            <LectureToggle />
          </ViewGuard>
          <ViewGuard view="backend-chip">
            <BackendChip />
          </ViewGuard>
        </div>
      </header>
      <ViewGuard view="recovery-notice">
        <RecoveryNotice actions={actions} />
      </ViewGuard>
      {lecture ? (
        <ViewGuard view="lecture">
          <Deferred what="lecture">
            <LazyLectureView actions={actions} />
          </Deferred>
        </ViewGuard>
      ) : (
        <main className="layout">
          <aside className="sidebar">
            <ViewGuard view="model-picker">
              <ModelPicker />
            </ViewGuard>
            <ViewGuard view="import-model">
              <ImportModelPanel actions={actions} />
            </ViewGuard>
            <ViewGuard view="run-panel">
              <RunPanel actions={actions} />
            </ViewGuard>
            <ViewGuard view="trigger">
              <AttackPreview />
              <TriggerEditor />
            </ViewGuard>
            <ViewGuard view="train-model">
              <Deferred what="training panel">
                <LazyTrainModelPanel actions={actions} />
              </Deferred>
            </ViewGuard>
          </aside>
          <div className="content">
            <ViewGuard view="metrics">
              <MetricsPanel />
            </ViewGuard>
            <ViewGuard view="curve">
              <section className="panel" aria-labelledby="curve-heading">
                <h2 id="curve-heading">Loss landscape along the quadratic Bézier curve θ(t)</h2>
                <PrecomputedLabel where="curve" />
                <StagePicker />
                <LossCurve />
                <TControl actions={actions} />
              </section>
            </ViewGuard>
            <ViewGuard view="samples">
              <SamplesGrid />
            </ViewGuard>
            <ViewGuard view="plane">
              <Deferred what="loss plane">
                <LazyLossPlane actions={actions} />
              </Deferred>
            </ViewGuard>
            <ViewGuard view="permutation">
              <Deferred what="permutation matrices">
                <LazyPermutationMatrix />
              </Deferred>
            </ViewGuard>
            <ViewGuard view="results">
              <ResultsTable actions={actions} />
              <DefenseComparisonTable />
            </ViewGuard>
            <ViewGuard view="trap-replace">
              <Deferred what="Trap and Replace panel">
                <LazyTrapReplacePanel actions={actions} />
              </Deferred>
            </ViewGuard>
            <HistoryPanels />
          </div>
        </main>
      )}
    </div>
  );
}
