import type { CustomPatchSpec } from '../engine/attacks/types';

/** A described trigger: a white 4×4 square in the top-left corner, where the zoo's BadNet (bottom-right) never puts one. */
export const TOP_LEFT_SQUARE: CustomPatchSpec = {
  kind: 'custom-patch',
  pattern: Array.from({ length: 784 }, () => 1),
  mask: Array.from({ length: 784 }, (_, i) => (i % 28 < 4 && i < 28 * 4 ? 1 : 0)),
  x: 0,
  y: 0,
};
