import type { AppActions } from '../../app/actions';
import { useAppStore } from '../../store/store';
import { PrecomputedRunNote } from './PrecomputedRunNote';
import { PresetButtons } from './PresetButtons';
import { RunButtons } from './RunButtons';
import { RunProgressBar } from './RunProgressBar';
import { SettingsFields } from './SettingsFields';
import { usePendingControl } from './usePendingControl';

/** The precomputed trace on screen, defense settings, run / cancel, and a progress bar with round, stage, epoch and time left. */
export function RunPanel({ actions }: { actions: AppActions }) {
  const status = useAppStore((s) => s.status);
  const paused = useAppStore((s) => s.paused !== null);
  const [pending, setPending] = usePendingControl(paused, status);
  const running = status === 'running';
  return (
    <section className="panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Defense</h2>
      <PrecomputedRunNote actions={actions} />
      <SettingsFields disabled={running} />
      <PresetButtons disabled={running} />
      <RunButtons actions={actions} pending={pending} onPending={setPending} />
      <RunProgressBar pending={pending} />
    </section>
  );
}
