/**
 * Every colour the views use. The data hues are Okabe–Ito (colour-blind safe): clean is always
 * blue, poisoned always vermillion. Ink, paper and empty are the neutrals of marks and cells.
 */
export const COLORS = {
  clean: '#0072B2',
  poisoned: '#D55E00',
  ok: '#009E73',
  muted: '#6b7280',
  /** marks drawn over data: axes of θ(t), points, the current-t marker */
  ink: '#111827',
  /** halos and fills that must stand out on dark cells */
  paper: '#fff',
  /** a grid cell without a value yet */
  empty: '#e5e7eb',
} as const;
