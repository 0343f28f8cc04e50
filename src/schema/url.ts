import * as v from 'valibot';
import type { BackendName } from '../protocol/messages';
import { intIn } from './fields';
import { CurveTSchema, ModelIdSchema, PreferredBackendSchema, RUN_SETTINGS_FIELDS, type RunSettingsFields } from './settings';

/**
 * The view a link reopens, as readable query keys (`?model=mnist-mlp-badnet&round=1&stage=1&t=0.40`).
 * Every key is optional; each one is checked on its own with the same schemas as saved settings, so a
 * bad value drops only itself (named in `dropped`, for a one-line notice).
 */
export interface LinkState {
  model?: string;
  settings?: Partial<RunSettingsFields>;
  round?: number;
  stage?: number;
  layer?: number;
  t?: number;
  /** lecture step, 1-based */
  step?: number;
  lecture?: boolean;
  backend?: BackendName | 'auto';
}

type Key = { key: string; parse: (raw: string) => unknown; schema: v.GenericSchema };

const num = (raw: string) => (raw.trim() === '' ? NaN : Number(raw));
const flag = (raw: string) => (raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : raw);
const text = (raw: string) => raw;

/** Query key → run setting, in the order a link lists them; each is checked by the saved settings' own schema. */
const SETTING_KEYS: [string, keyof RunSettingsFields, (raw: string) => unknown][] = [
  ['defense', 'defense', text],
  ['rounds', 'rounds', num],
  ['epochs', 'curveEpochs', num],
  ['lr', 'curveLr', num],
  ['out-t', 't', num],
  ['clean', 'cleanFraction', num],
  ['seed', 'seed', num],
  ['perm', 'permutationMethod', text],
  ['ft', 'interRoundFinetune', flag],
  ['eval', 'evalSamples', num],
  ['test', 'testSamples', num],
];

const VIEW_KEYS: Record<Exclude<keyof LinkState, 'settings'>, Key> = {
  model: { key: 'model', parse: text, schema: ModelIdSchema },
  round: { key: 'round', parse: num, schema: intIn(1, 10) },
  stage: { key: 'stage', parse: num, schema: intIn(1, 2) },
  layer: { key: 'layer', parse: num, schema: intIn(0, 31) },
  t: { key: 't', parse: num, schema: CurveTSchema },
  step: { key: 'step', parse: num, schema: intIn(1, 99) },
  lecture: { key: 'lecture', parse: flag, schema: v.boolean() },
  backend: { key: 'backend', parse: text, schema: PreferredBackendSchema },
};

export interface ParsedLink {
  state: LinkState;
  /** "key=value" of every parameter that was present but invalid */
  dropped: string[];
}

export function parseLink(search: string): ParsedLink {
  const params = new URLSearchParams(search);
  const state: LinkState = {};
  const dropped: string[] = [];
  const take = (key: string, parse: (raw: string) => unknown, schema: v.GenericSchema): unknown => {
    const raw = params.get(key);
    if (raw === null) return undefined;
    const result = v.safeParse(schema, parse(raw));
    if (result.success) return result.output;
    dropped.push(`${key}=${raw}`);
    return undefined;
  };
  for (const [name, spec] of Object.entries(VIEW_KEYS) as [keyof typeof VIEW_KEYS, Key][]) {
    const value = take(spec.key, spec.parse, spec.schema);
    if (value !== undefined) (state as Record<string, unknown>)[name] = value;
  }
  const settings: Partial<RunSettingsFields> = {};
  for (const [key, field, parse] of SETTING_KEYS) {
    const value = take(key, parse, RUN_SETTINGS_FIELDS[field]);
    if (value !== undefined) (settings as Record<string, unknown>)[field] = value;
  }
  if (Object.keys(settings).length > 0) state.settings = settings;
  return { state, dropped };
}

/** The query string (with '?') for a view; t is written with 2 decimals, enough for the slider's 0.01 steps. */
export function encodeLink(state: LinkState): string {
  const params = new URLSearchParams();
  const put = (key: string, value: unknown) => {
    if (value === undefined) return;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  };
  put('model', state.model);
  for (const [key, field] of SETTING_KEYS) put(key, state.settings?.[field]);
  put('round', state.round);
  put('stage', state.stage);
  put('layer', state.layer);
  put('t', state.t === undefined ? undefined : state.t.toFixed(state.t * 100 === Math.round(state.t * 100) ? 2 : 3));
  put('step', state.step);
  if (state.lecture) put('lecture', true);
  if (state.backend && state.backend !== 'auto') put('backend', state.backend);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The one-line notice for dropped link parameters. */
export const linkNotice = (dropped: string[]): string => `Ignored link parameter${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')}: not a valid value.`;
