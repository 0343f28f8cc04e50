import { useState } from 'react';
import type { TriggerKind, TriggerSpec } from '../../engine/attacks/types';
import { selectedEntry, useAppStore } from '../../store/store';
import { PatchGrid } from './PatchGrid';
import type { Drawing } from './paint';
import { PictureUpload } from './PictureUpload';
import { freshTrigger, KIND_LABELS, PARAM_FIELDS, paramValue, withParam } from './trigger-draft';

const ZOO = 'zoo';
const CLASSES = Array.from({ length: 10 }, (_, c) => c);

const drawingOf = (spec: TriggerSpec): Drawing | null =>
  spec.kind === 'custom-patch' ? { values: spec.pattern, mask: spec.mask } : spec.kind === 'custom-blend' ? { values: spec.image, mask: null } : null;

const withDrawing = (spec: TriggerSpec, d: Drawing): TriggerSpec =>
  spec.kind === 'custom-patch' ? { ...spec, pattern: d.values, mask: d.mask ?? spec.mask } : spec.kind === 'custom-blend' ? { ...spec, image: d.values } : spec;

/**
 * Describe a trigger: a built-in attack with its parameters, or a patch / blend image drawn on the
 * grid or uploaded, and its target class. The preview above shows it on a test image as it changes.
 * Runs and the zoo's ASR keep the model's own recipe (src/store/slices/trigger.ts).
 */
export function TriggerEditor() {
  const entry = useAppStore(selectedEntry);
  const spec = useAppStore((s) => s.describedTrigger);
  const target = useAppStore((s) => s.describedTarget);
  const setSpec = useAppStore((s) => s.setDescribedTrigger);
  const setTarget = useAppStore((s) => s.setDescribedTarget);
  const [problem, setProblem] = useState<string | null>(null);
  const [brush, setBrush] = useState(1);
  const drawing = spec && drawingOf(spec);

  return (
    <section className="panel" aria-labelledby="trigger-editor-heading" data-testid="trigger-editor">
      <h2 id="trigger-editor-heading">Describe a trigger</h2>
      <label className="field">
        <span>Trigger</span>
        <select
          data-testid="trigger-kind"
          value={spec?.kind ?? ZOO}
          onChange={(e) => {
            setProblem(null);
            setSpec(e.target.value === ZOO ? null : freshTrigger(e.target.value as TriggerKind));
          }}
        >
          <option value={ZOO}>The model's own recipe</option>
          {(Object.keys(KIND_LABELS) as TriggerKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>target class</span>
        <select data-testid="trigger-target" value={target ?? ZOO} onChange={(e) => setTarget(e.target.value === ZOO ? null : Number(e.target.value))}>
          <option value={ZOO}>the model's ({entry?.target ?? '–'})</option>
          {CLASSES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {spec && (
        <div className="field-grid">
          {PARAM_FIELDS[spec.kind].map((f) => (
            <label key={f.key} className="field field-inline">
              <span>{f.label}</span>
              <input
                type="number"
                data-testid={`trigger-${f.key}`}
                value={paramValue(spec, f.key)}
                min={f.min}
                max={f.max}
                step={f.step}
                onChange={(e) => {
                  const next = withParam(spec, f.key, Number(e.target.value));
                  setProblem(next.ok ? null : next.message);
                  if (next.ok) setSpec(next.spec);
                }}
              />
            </label>
          ))}
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {spec && drawing && (
        <>
          <label className="field field-inline">
            <span>brush level</span>
            <input
              type="number"
              data-testid="trigger-brush"
              value={brush}
              min={0}
              max={1}
              step={0.1}
              onChange={(e) => setBrush(Math.min(1, Math.max(0, Number(e.target.value) || 0)))}
            />
          </label>
          <PatchGrid drawing={drawing} brush={brush} onChange={(d) => setSpec(withDrawing(spec, d))} />
          <PictureUpload target={spec.kind === 'custom-patch' ? 'patch' : 'blend'} onLoad={(d) => setSpec(withDrawing(spec, d))} />
          <button className="secondary" onClick={() => setSpec(freshTrigger(spec.kind))}>
            Clear drawing
          </button>
        </>
      )}
      <p className="footnote">Run measures every ASR with the described trigger and target; the zoo's own ACC/ASR keep the model's recipe.</p>
    </section>
  );
}
