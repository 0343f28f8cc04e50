import { applyTrigger } from '../../engine/attacks';
import type { TriggerSpec } from '../../engine/attacks/types';

/**
 * A described trigger on one 0–255 image, on the main thread: the attack functions are plain loops
 * (no tfjs), and one 784-pixel image takes well under a millisecond, so the preview follows every edit.
 */
export function triggerPixels(spec: TriggerSpec, pixels: Uint8Array): Uint8Array {
  const out = applyTrigger(
    spec,
    Float32Array.from(pixels, (v) => v / 255),
  );
  return Uint8Array.from(out, (v) => Math.round(v * 255));
}
