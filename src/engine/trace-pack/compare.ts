import type { UnpackedTracePack } from './pack';

/** Fields that differ between two runs of the same settings by design (clocks, dates). */
const VOLATILE = new Set(['wallSeconds', 'generatedAt', 'seconds', 'timings', 'command', 'node']);

export interface PackComparison {
  /** numbers compared */
  count: number;
  /** largest |a − b| over every number, and where */
  maxAbsDiff: number;
  worstPath: string;
  /** structural differences (missing keys, lengths, strings, booleans) */
  mismatches: string[];
}

/**
 * Walks two unpacked trace packs side by side and reports the largest numeric difference.
 * Quantised correlation matrices carry ≤ 1.6e-5 of rounding by design, far under the 1e-4 bar.
 */
export function compareTracePacks(a: UnpackedTracePack, b: UnpackedTracePack): PackComparison {
  const out: PackComparison = { count: 0, maxAbsDiff: 0, worstPath: '', mismatches: [] };
  walk(a, a.trace.trigger ? b : withoutTrigger(b), '', out);
  return out;
}

/** A pack written before traces recorded their trigger was measured with its model's recipe, as a recomputation is: no difference. */
function withoutTrigger(pack: UnpackedTracePack): UnpackedTracePack {
  const trace = { ...pack.trace };
  delete trace.trigger;
  return { ...pack, trace };
}

function walk(x: unknown, y: unknown, path: string, out: PackComparison): void {
  if (out.mismatches.length > 20) return;
  if (typeof x === 'number' && typeof y === 'number') {
    out.count++;
    const d = Number.isNaN(x) && Number.isNaN(y) ? 0 : Math.abs(x - y);
    if (!(d <= out.maxAbsDiff)) {
      out.maxAbsDiff = Number.isNaN(d) ? Infinity : d;
      out.worstPath = path;
    }
    return;
  }
  if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y)) return walk(Array.from(x as Uint8Array), Array.from(y as Uint8Array), path, out);
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) out.mismatches.push(`${path}: length ${x.length} vs ${y.length}`);
    else x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`, out));
    return;
  }
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) {
      if (VOLATILE.has(k)) continue;
      const xo = x as Record<string, unknown>;
      const yo = y as Record<string, unknown>;
      if (!(k in xo) || !(k in yo)) out.mismatches.push(`${path}.${k}: present in one only`);
      else walk(xo[k], yo[k], `${path}.${k}`, out);
    }
    return;
  }
  if (x !== y) out.mismatches.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
}
