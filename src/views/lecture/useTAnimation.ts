import { useEffect } from 'react';
import { useAppStore } from '../../store/store';

/** A sweep of t over the whole curve, 0 → 1, takes this long. */
export const SWEEP_MS = 4000;

/**
 * While `lecture.playing` (the app's "t is playing" flag): t runs to 1 at one curve per
 * SWEEP_MS, one setViewT per animation frame, then playing stops; it starts from 0 if t is at 1.
 * A t set by someone else meanwhile (slider, plot drag) becomes the new starting point.
 */
export function useTAnimation(): void {
  const playing = useAppStore((s) => s.lecture.playing);
  useEffect(() => {
    if (!playing) return;
    const store = useAppStore.getState;
    if (store().viewT >= 1) store().setViewT(0);
    let lastSet = store().viewT;
    let from = { t: lastSet, at: performance.now() };
    const tick = (now: number) => {
      if (store().viewT !== lastSet) from = { t: store().viewT, at: now };
      const t = Math.min(1, from.t + Math.max(0, now - from.at) / SWEEP_MS);
      store().setViewT(t);
      lastSet = store().viewT;
      if (t >= 1) store().setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    let frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);
}
