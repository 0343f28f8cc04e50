import { symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3';

/** How the ACC vs ASR chart draws a defense: a colour and a shape, both, so neither alone has to tell them apart. */
export interface DefenseMark {
  color: string;
  symbol: SymbolType;
  label: string;
}

// Okabe–Ito hues (colour-blind safe) after a neutral grey for "no defense"
const COLORS = ['#6b7280', '#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
const SYMBOLS = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];
// the known defenses keep their marks whatever else is present; any other name comes after them, alphabetically
const KNOWN = ['none', 'tsc', 'mcr', 'ft', 'line'];
const LABELS: Record<string, string> = { none: 'no defense', line: 'straight line' };

/** Marks for `defenses` (any names, duplicates allowed), in legend order. */
export function defenseMarks(defenses: string[]): Map<string, DefenseMark> {
  const unique = [...new Set(defenses)];
  const ordered = [...KNOWN.filter((d) => unique.includes(d)), ...unique.filter((d) => !KNOWN.includes(d)).sort()];
  return new Map(
    ordered.map((d) => {
      const k = KNOWN.includes(d) ? KNOWN.indexOf(d) : KNOWN.length + ordered.filter((o) => !KNOWN.includes(o)).indexOf(d);
      return [d, { color: COLORS[k % COLORS.length], symbol: SYMBOLS[k % SYMBOLS.length], label: LABELS[d] ?? d.toUpperCase() }];
    }),
  );
}
