/** Okabe–Ito colours (colour-blind safe). Clean is always blue, poisoned always vermillion. */
export const COLORS = {
  clean: '#0072B2',
  poisoned: '#D55E00',
  ok: '#009E73',
  muted: '#6b7280',
} as const;
