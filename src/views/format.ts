import { format } from 'd3';

/** 0.9605 → "96.05%" (d3-format, so rounding is the same everywhere). */
export function formatPercent(value: number, digits = 2): string {
  return Number.isFinite(value) ? format(`.${digits}%`)(value) : '–';
}

export function formatCount(n: number): string {
  return format(',')(n);
}

/** A loss for a read-out: 3 significant digits, exponent form below 0.01, a dash when unknown. */
export function formatLoss(v: number | null): string {
  return v === null ? '–' : v < 0.01 ? v.toExponential(1) : v.toPrecision(3);
}

/** Time left, rounded: seconds under a minute and a half, else minutes. */
export function formatDuration(seconds: number): string {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}
