import { useMemo } from 'react';
import { describeAttack } from '../engine/attacks';
import { entryTrigger, isUserModel } from '../engine/zoo';
import { selectedEntry, useAppStore } from '../store/store';
import { GrayImage } from './GrayImage';
import { triggerPixels } from './trigger/trigger-pixels';

/** Amplified |triggered − clean| so faint triggers (Blended, SIG, WaNet) are visible. */
function differenceImage(clean: Uint8Array, triggered: Uint8Array, gain: number): Uint8Array {
  return clean.map((v, i) => Math.min(255, Math.abs(triggered[i] - v) * gain));
}

/** One test image before and after the trigger (the model's, or the one described in src/views/trigger/), and where they differ. */
export function AttackPreview() {
  const entry = useAppStore(selectedEntry);
  const evaluation = useAppStore((s) => s.evaluation);
  const described = useAppStore((s) => s.describedTrigger);
  const shown = evaluation && entry && evaluation.modelId === entry.id ? evaluation : null;
  const clean = shown?.clean[0];
  const modelTriggered = shown?.triggered[0];
  const triggered = useMemo(
    () => (described && clean ? { ...clean, pixels: triggerPixels(described, clean.pixels) } : modelTriggered),
    [described, clean, modelTriggered],
  );
  const pair = clean && triggered ? { clean, triggered } : null;
  const diff = useMemo(() => (clean && triggered ? differenceImage(clean.pixels, triggered.pixels, 4) : null), [clean, triggered]);
  return (
    <section className="panel" aria-labelledby="trigger-heading" data-testid="attack-preview">
      <h2 id="trigger-heading">Trigger</h2>
      {pair && diff ? (
        <div className="preview-row">
          <figure>
            <GrayImage pixels={pair.clean.pixels} size={96} label="clean image" />
            <figcaption>clean</figcaption>
          </figure>
          <figure>
            <GrayImage pixels={pair.triggered.pixels} size={96} label="triggered image" />
            <figcaption>triggered</figcaption>
          </figure>
          <figure>
            <GrayImage pixels={diff} size={96} label="difference, amplified 4 times" />
            <figcaption>|difference| ×4</figcaption>
          </figure>
        </div>
      ) : (
        <p className="muted">Waiting for the first evaluation…</p>
      )}
      {described ? (
        <p className="footnote" data-testid="described-trigger">
          {describeAttack(described)} (described; runs measure ASR with it)
        </p>
      ) : (
        entry && <p className="footnote">{isUserModel(entry) ? describeAttack(entryTrigger(entry).spec) : entry.attackDescription}</p>
      )}
    </section>
  );
}
