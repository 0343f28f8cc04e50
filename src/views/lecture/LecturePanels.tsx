import type { AppActions } from '../../app/actions';
import type { LecturePanel } from '../../store/lecture/steps';
import { AttackPreview } from '../AttackPreview';
import { LossPlane } from '../loss-plane/LossPlane';
import { PermutationMatrix } from '../permutation/PermutationMatrix';
import { ResultsTable } from '../ResultsTable';
import { ViewGuard } from '../errors/ViewGuard';
import { SamplesGrid } from '../SamplesGrid';
import { DefenseComparison } from './DefenseComparison';
import { LectureCurve } from './LectureCurve';

function Panel({ panel, actions }: { panel: LecturePanel; actions: AppActions }) {
  switch (panel) {
    case 'trigger':
      return <AttackPreview />;
    case 'samples':
      return <SamplesGrid />;
    case 'permutation':
      return <PermutationMatrix />;
    case 'curve':
      return <LectureCurve actions={actions} />;
    case 'plane':
      return <LossPlane actions={actions} />;
    case 'results':
      return <ResultsTable />;
    case 'defenses':
      return <DefenseComparison />;
  }
}

/** The step's panels and nothing else, each in its own error boundary, in a grid whose layout the lecture CSS picks by the panel list. */
export function LecturePanels({ panels, actions }: { panels: LecturePanel[]; actions: AppActions }) {
  return (
    <div className="lecture-panels" data-panels={panels.join(' ')} data-testid="lecture-panels">
      {panels.map((p) => (
        <div key={p} className={`lecture-slot lecture-slot-${p}`} data-panel={p}>
          <ViewGuard view={p}>
            <Panel panel={p} actions={actions} />
          </ViewGuard>
        </div>
      ))}
    </div>
  );
}
