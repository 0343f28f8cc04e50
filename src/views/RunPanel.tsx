import { useEffect, useState } from 'react';
import type { DefenseKind } from '../engine/settings';
import { FULL_SETTINGS, QUICK_DEMO, estimateSecondsLeft, type RunSettings } from '../store/run-slice';
import { useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';

const DEFENSES: [DefenseKind, string][] = [
  ['tsc', 'TSC (two-stage symmetry connectivity)'],
  ['mcr', 'MCR (curve to a fine-tuned copy)'],
  ['ft', 'Fine-tuning on the clean subset'],
  ['line', 'Straight line to the un-aligned copy'],
];

interface NumberFieldSpec {
  testId: string;
  label: string;
  min: number;
  max: number;
  step: number;
  read: (s: RunSettings) => number;
  write: (v: number) => Partial<RunSettings>;
}

/** The numeric knobs, as a table (the clean subset is shown in percent, stored as a fraction). */
const NUMBER_FIELDS: NumberFieldSpec[] = [
  { testId: 'rounds-input', label: 'rounds', min: 1, max: 10, step: 1, read: (s) => s.rounds, write: (v) => ({ rounds: Math.round(v) }) },
  {
    testId: 'curve-epochs-input',
    label: 'curve epochs',
    min: 1,
    max: 1000,
    step: 1,
    read: (s) => s.curveEpochs,
    write: (v) => ({ curveEpochs: Math.round(v) }),
  },
  { testId: 'output-t-input', label: 'output t', min: 0, max: 1, step: 0.05, read: (s) => s.t, write: (v) => ({ t: v }) },
  {
    testId: 'clean-fraction-input',
    label: 'clean subset %',
    min: 0.5,
    max: 100,
    step: 0.5,
    read: (s) => Math.round(s.cleanFraction * 1000) / 10,
    write: (v) => ({ cleanFraction: v / 100 }),
  },
  { testId: 'seed-input', label: 'seed', min: 0, max: 1e6, step: 1, read: (s) => s.seed, write: (v) => ({ seed: Math.round(v) }) },
  {
    testId: 'eval-samples-input',
    label: 'curve-eval images',
    min: 50,
    max: 10000,
    step: 50,
    read: (s) => s.evalSamples,
    write: (v) => ({ evalSamples: Math.round(v) }),
  },
  {
    testId: 'test-samples-input',
    label: 'ACC/ASR images (0 = all)',
    min: 0,
    max: 10000,
    step: 100,
    read: (s) => s.testSamples,
    write: (v) => ({ testSamples: Math.round(v) }),
  },
];

function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  testId,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min: number;
  max: number;
  step: number;
  testId: string;
  disabled: boolean;
}) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <input
        type="number"
        data-testid={testId}
        disabled={disabled}
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
        }}
      />
    </label>
  );
}

/** Defense settings, run / cancel, and a progress bar with round, stage, epoch and time left. */
export function RunPanel({ actions }: { actions: AppActions }) {
  const settings = useAppStore((s) => s.settings);
  const update = useAppStore((s) => s.updateSettings);
  const status = useAppStore((s) => s.status);
  const progress = useAppStore((s) => s.runProgress);
  const runError = useAppStore((s) => s.runError);
  const backendReady = useAppStore((s) => s.backend !== null);
  const paused = useAppStore((s) => s.paused !== null);
  /** a pause or step was asked for and the run has not reached its checkpoint yet */
  const [pending, setPending] = useState<null | 'pause' | 'step'>(null);
  useEffect(() => setPending(null), [paused, status]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (status !== 'running' || paused) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [status, paused]);
  const left = estimateSecondsLeft(progress, now);
  const running = status === 'running';
  return (
    <section className="panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Defense</h2>
      <label className="field">
        <span>Method</span>
        <select data-testid="defense-select" value={settings.defense} onChange={(e) => update({ defense: e.target.value as DefenseKind })} disabled={running}>
          {DEFENSES.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="field-grid">
        {NUMBER_FIELDS.map((f) => (
          <NumberField
            key={f.testId}
            testId={f.testId}
            label={f.label}
            value={f.read(settings)}
            min={f.min}
            max={f.max}
            step={f.step}
            onChange={(v) => update(f.write(v))}
            disabled={running}
          />
        ))}
        <label className="field field-inline field-wide">
          <span>permutation</span>
          <select
            value={settings.permutationMethod}
            disabled={running}
            onChange={(e) => update({ permutationMethod: e.target.value as 'activation' | 'weight' })}
          >
            <option value="activation">activation correlation (paper)</option>
            <option value="weight">weight matching (not the paper's)</option>
          </select>
        </label>
      </div>
      <label className="field field-check">
        <input type="checkbox" checked={settings.interRoundFinetune} disabled={running} onChange={(e) => update({ interRoundFinetune: e.target.checked })} />{' '}
        fine-tune between rounds (official code)
      </label>
      <div className="button-row">
        <button className="secondary" onClick={() => update(QUICK_DEMO)} disabled={running}>
          Quick demo
        </button>
        <button className="secondary" onClick={() => update(FULL_SETTINGS)} disabled={running}>
          Full defaults (3 rounds × 200 epochs)
        </button>
      </div>
      <div className="button-row">
        <button className="primary" data-testid="run-button" onClick={() => actions.run()} disabled={running || !backendReady}>
          Run
        </button>
        {paused ? (
          <button data-testid="pause-button" onClick={() => actions.control('resume')} title="Go on from here">
            Resume
          </button>
        ) : (
          <button
            data-testid="pause-button"
            onClick={() => (actions.control('pause'), setPending('pause'))}
            disabled={!running || pending !== null}
            title="Pause after the current epoch"
          >
            Pause
          </button>
        )}
        <button
          data-testid="step-button"
          onClick={() => (actions.control('step'), setPending('step'))}
          disabled={!running || pending !== null || settings.defense !== 'tsc'}
          title="Run to the end of the current stage, then pause (TSC)"
        >
          Step stage
        </button>
        <button data-testid="cancel-button" onClick={() => actions.cancel()} disabled={!running}>
          Cancel
        </button>
      </div>
      <div className="run-status" data-testid="run-status" data-status={paused ? 'paused' : status}>
        {running && progress && (
          <>
            <progress data-testid="progress" max={1} value={progress.fraction} aria-label="Run progress" />
            <div>
              round {progress.round}/{settings.defense === 'tsc' ? settings.rounds : 1} · stage {progress.stage} · {progress.phase}
              {progress.epochs > 0 && progress.epoch > 0 ? ` · epoch ${progress.epoch}/${progress.epochs}` : ''}
              {paused ? ' · paused' : left !== null ? ` · ~${left < 90 ? `${Math.round(left)} s` : `${Math.round(left / 60)} min`} left` : ''}
            </div>
            {pending && !paused && (
              <div className="muted">{pending === 'pause' ? 'pausing after this epoch…' : 'running to the end of this stage, then pausing…'}</div>
            )}
          </>
        )}
        {running && !progress && <div>preparing data and model…</div>}
        {status === 'done' && <div>finished</div>}
        {status === 'cancelled' && <div>cancelled</div>}
        {status === 'failed' && (
          <div className="error" role="alert">
            {runError}
          </div>
        )}
      </div>
    </section>
  );
}
