/*
 * --trigger <spec>: a trigger described in one word and a few parameters, for the Node CLIs.
 *
 *   badnet[:size=4,x=24,y=24,value=1]   blended[:alpha=0.1,seed=1234]   sig[:delta=20,freq=6]
 *   wanet[:k=4,s=0.5,seed=4321,noise=false,cross=2]
 *   patch:<file.png|file.json>[,x=0,y=0]   blend:<file.png|file.json>[,alpha=0.2]
 *
 * A parameter left out takes the built-in default (src/engine/attacks/index.ts defaultAttack); every
 * value is then checked against the trigger schema (src/schema/trigger.ts), so the CLI and the page
 * accept the same triggers. Pictures are read by src/engine/attacks/rgba.ts, as the page reads them.
 */
import { readFileSync } from 'node:fs';
import { blendImageFromRgba, defaultAttack, patchFromRgba, type RgbaPixels } from '../../src/engine/attacks';
import { PIXELS, SIDE } from '../../src/engine/data/datasets';
import type { TriggerSpec } from '../../src/engine/attacks/types';
import { parseTrigger } from '../../src/schema/trigger';
import { UsageError } from './cli';
import { pngToRgba } from './trigger-arg-png';

/** The spec's name for each kind, and each parameter's name for the spec field it sets. */
const NAMES = { badnet: 'badnet', blended: 'blended', sig: 'sig', wanet: 'wanet', patch: 'custom-patch', blend: 'custom-blend' } as const;
type Name = keyof typeof NAMES;
const PARAMS: Record<Name, Record<string, string>> = {
  badnet: { size: 'patchSize', x: 'x', y: 'y', value: 'value' },
  blended: { alpha: 'alpha', seed: 'patternSeed' },
  sig: { delta: 'amplitude', freq: 'frequency' },
  wanet: { k: 'k', s: 'strength', seed: 'fieldSeed', noise: 'noiseMode', cross: 'crossRatio' },
  patch: { x: 'x', y: 'y' },
  blend: { alpha: 'alpha' },
};
const USAGE: Record<Name, string> = {
  badnet: 'badnet:size=4,x=24,y=24,value=1',
  blended: 'blended:alpha=0.1,seed=1234',
  sig: 'sig:delta=20,freq=6',
  wanet: 'wanet:k=4,s=0.5,seed=4321,noise=false,cross=2',
  patch: 'patch:<file.png|file.json>,x=0,y=0',
  blend: 'blend:<file.png|file.json>,alpha=0.2',
};
/** SIG's Δ is written in gray levels out of 255, as in the paper (Δ = 20); the spec holds Δ/255. */
const LEVELS = 255;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export type ReadFile = (path: string) => Uint8Array;

/** Parses --trigger's value into a checked trigger; a bad spec or file throws a UsageError that says what and how to fix it. */
export function parseTriggerArg(text: string, readFile: ReadFile = (path) => readFileSync(path)): TriggerSpec {
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim();
  if (!Object.hasOwn(NAMES, name)) throw new UsageError(`--trigger: unknown trigger "${name}" (known: ${Object.keys(NAMES).join(', ')})`);
  const kind = name as Name;
  const fail = (what: string) => new UsageError(`--trigger ${kind}: ${what}`);
  const items = colon < 0 ? [] : text.slice(colon + 1).split(',');
  const picture = kind === 'patch' || kind === 'blend';
  const file = picture ? items.shift()?.trim() : undefined;
  if (picture && (!file || file.includes('='))) throw fail(`needs a file first (${USAGE[kind]})`);

  const given = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    if (!Object.hasOwn(PARAMS[kind], key))
      throw fail(`unknown parameter "${key}" (known: ${Object.keys(PARAMS[kind]).join(', ') || 'none'}; e.g. ${USAGE[kind]})`);
    if (eq < 0 || item.slice(eq + 1).trim() === '') throw fail(`${key} needs a value (${key}=…)`);
    if (given.has(key)) throw fail(`${key} given twice`);
    given.set(key, item.slice(eq + 1).trim());
  }

  const spec: Record<string, unknown> = picture
    ? pictureSpec(kind, file as string, readFile, fail)
    : { ...defaultAttack(kind as Exclude<Name, 'patch' | 'blend'>) };
  for (const [key, raw] of given) spec[PARAMS[kind][key]] = valueOf(kind, key, raw, fail);

  const result = parseTrigger(spec);
  if (result.ok) return result.spec;
  const param = Object.entries(PARAMS[kind]).find(([, field]) => field === result.field)?.[0];
  if (param === 'delta') throw fail(`delta is ${given.get('delta')}, expected a number > 0 and ≤ ${LEVELS} (gray levels)`);
  throw fail(param ? `${param} is ${result.problem}` : `${file ?? ''}: ${result.message.replace(/^trigger /, '')}`);
}

function valueOf(kind: Name, key: string, raw: string, fail: (what: string) => UsageError): number | boolean {
  if (kind === 'wanet' && key === 'noise') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw fail(`noise expects true or false, got "${raw}"`);
  }
  if (!NUMBER.test(raw)) throw fail(`${key} expects a number, got "${raw}"`);
  return kind === 'sig' && key === 'delta' ? Number(raw) / LEVELS : Number(raw);
}

/** The defaults of a picture trigger, with its picture read from `file`. */
function pictureSpec(kind: 'patch' | 'blend', file: string, readFile: ReadFile, fail: (what: string) => UsageError): Record<string, unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFile(file);
  } catch (err) {
    throw fail(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (file.toLowerCase().endsWith('.json')) return { kind: NAMES[kind], x: 0, y: 0, alpha: 0.2, ...jsonPicture(kind, file, bytes, fail) };
  let px: RgbaPixels;
  try {
    px = pngToRgba(bytes);
  } catch (err) {
    throw fail(`${file} ${(err as Error).message}`);
  }
  try {
    return kind === 'patch' ? { kind: NAMES[kind], ...patchFromRgba(px), x: 0, y: 0 } : { kind: NAMES[kind], image: blendImageFromRgba(px), alpha: 0.2 };
  } catch (err) {
    throw fail(`${file}: ${(err as Error).message}`);
  }
}

/** A JSON picture: {"pattern": …, "mask": …} for a patch, {"image": …} for a blend; each 784 numbers or 28 rows of 28. */
function jsonPicture(kind: 'patch' | 'blend', file: string, bytes: Uint8Array, fail: (what: string) => UsageError): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw fail(`${file} is not valid JSON`);
  }
  const fields = kind === 'patch' ? ['pattern', 'mask'] : ['image'];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(`${file} must hold an object with ${fields.join(' and ')} (${PIXELS} numbers, or ${SIDE} rows of ${SIDE})`);
  }
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const v = (value as Record<string, unknown>)[field];
    picked[field] = Array.isArray(v) && v.every(Array.isArray) ? (v as unknown[][]).flat() : v;
  }
  return picked;
}

/** One example per kind, for a script's usage text. */
export const TRIGGER_SPEC_EXAMPLES: readonly string[] = Object.values(USAGE);
