import { useAppStore } from '../store/store';
import { stageKey } from '../engine/trace';
import { STAGE_LABEL } from './plot-helpers';

/** One button per finished stage; the selection drives the plot emphasis, read-out and matrices. */
export function StagePicker() {
  const stages = useAppStore((s) => s.stages);
  const selected = useAppStore((s) => s.selected);
  const selectStage = useAppStore((s) => s.selectStage);
  if (stages.length === 0) return null;
  return (
    <div className="stage-picker" role="tablist" aria-label="Round and stage">
      {stages.map((s) => {
        const active = s.round === selected.round && s.stage === selected.stage;
        return (
          <button
            key={stageKey(s.round, s.stage)}
            role="tab"
            aria-selected={active}
            className={active ? 'active' : ''}
            onClick={() => selectStage(s.round, s.stage)}
          >
            R{s.round} · {s.kind === 'mcr' ? 'MCR curve' : s.kind === 'line' ? 'straight line' : STAGE_LABEL[s.stage]}
          </button>
        );
      })}
    </div>
  );
}
