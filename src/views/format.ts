import { format } from 'd3';

/** 0.9605 → "96.05%" (d3-format, so rounding is the same everywhere). */
export function formatPercent(value: number, digits = 2): string {
  return Number.isFinite(value) ? format(`.${digits}%`)(value) : '–';
}

export function formatCount(n: number): string {
  return format(',')(n);
}
