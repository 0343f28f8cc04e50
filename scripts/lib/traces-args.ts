/* The command line of scripts/traces.ts: flags, their ranges (from the settings schemas) and its usage text. */
import { describeNumber } from '../../src/schema/describe';
import { PLANE_SETTINGS_FIELDS, RUN_SETTINGS_FIELDS } from '../../src/schema/settings';
import type { TscSettings } from '../../src/engine/settings';
import { knownArg, listArg, numberArg, strictArgs, usageLines, UsageError } from './cli';

/** The defenses the page ships traces for (public/traces/index.json lists only these). */
export const TRACE_DEFENSES = ['tsc', 'mcr', 'ft'] as const;
export type TraceDefense = (typeof TRACE_DEFENSES)[number];

/** Settings a small trace may override (the unit test's fixture); the pack records the settings used. */
const OVERRIDES: [string, 'rounds' | 'curveEpochs' | 'evalSamples' | 'testSamples'][] = [
  ['rounds', 'rounds'],
  ['curve-epochs', 'curveEpochs'],
  ['eval-samples', 'evalSamples'],
  ['test-samples', 'testSamples'],
];

const OPTIONS = {
  models: { type: 'string' },
  defenses: { type: 'string' },
  planes: { type: 'string' },
  'plane-samples': { type: 'string' },
  force: { type: 'boolean' },
  verify: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(OVERRIDES.map(([flag]) => [flag, { type: 'string' }])),
} as const;

export interface TracesDefaults {
  out: string;
  planes: string;
  planeSamples: number;
}

export const tracesUsage = (d: TracesDefaults) =>
  [
    'Usage: npm run traces -- [options]                 write the precomputed traces (public/traces/)',
    '       npm run traces -- --verify <id>[.<defense>]  recompute a shipped trace and compare (≤ 1e-4)',
    usageLines([
      ['--models <id,id>', 'zoo models (default: every BadNet and Blended model)'],
      ['--defenses <list>', `some of ${TRACE_DEFENSES.join(', ')} (default all)`],
      ['--planes <id,id>', `models whose packs get loss planes, '' for none (default ${d.planes})`],
      ['--plane-samples <n>', `test images per plane point: ${describeNumber(PLANE_SETTINGS_FIELDS.samples)} (default ${d.planeSamples})`],
      ...OVERRIDES.map(([flag, key]): [string, string] => [`--${flag} <n>`, describeNumber(RUN_SETTINGS_FIELDS[key])]),
      ['--force', 'recompute packs that exist'],
      ['--out <dir>', `where packs go (default ${d.out})`],
      ['-h, --help', 'this text'],
    ]),
  ].join('\n');

export interface TracesArgs {
  help: boolean;
  /** null: every BadNet and Blended zoo model */
  models: string[] | null;
  defenses: TraceDefense[];
  planes: string[];
  planeSamples: number;
  force: boolean;
  verify: { model: string; defense: TraceDefense } | null;
  out: string;
  overrides: Partial<TscSettings>;
}

/** Parses and validates the flags of scripts/traces.ts; throws UsageError with a one-line message. */
export function parseTracesArgs(argv: string[], knownModels: readonly string[], defaults: TracesDefaults): TracesArgs {
  const values = strictArgs(argv, OPTIONS) as Record<string, string | boolean | undefined>;
  const str = (flag: string) => values[flag] as string | undefined;
  const overrides: Partial<TscSettings> = {};
  for (const [flag, key] of OVERRIDES) {
    const raw = str(flag);
    if (raw !== undefined) overrides[key] = numberArg(flag, raw, RUN_SETTINGS_FIELDS[key]);
  }
  const out = str('out') ?? defaults.out;
  if (out === '') throw new UsageError('--out needs a directory');
  const models = str('models');
  const planes = (str('planes') ?? defaults.planes).split(',').filter(Boolean);
  const planeSamples = str('plane-samples');
  return {
    help: values.help === true,
    models: models === undefined ? null : listArg('models', models, knownModels, 'model'),
    defenses: listArg('defenses', str('defenses') ?? TRACE_DEFENSES.join(','), TRACE_DEFENSES, 'defense') as TraceDefense[],
    planes: planes.map((id) => knownArg('planes', id, knownModels, 'model')),
    planeSamples: planeSamples === undefined ? defaults.planeSamples : numberArg('plane-samples', planeSamples, PLANE_SETTINGS_FIELDS.samples),
    force: values.force === true,
    verify: verifySpec(str('verify'), knownModels),
    out,
    overrides,
  };
}

/** `<id>` (TSC) or `<id>.<defense>`. */
function verifySpec(spec: string | undefined, knownModels: readonly string[]): TracesArgs['verify'] {
  if (spec === undefined) return null;
  if (knownModels.includes(spec)) return { model: spec, defense: 'tsc' };
  const dot = spec.lastIndexOf('.');
  const model = knownArg('verify', dot < 0 ? spec : spec.slice(0, dot), knownModels, 'model');
  return { model, defense: knownArg('verify', spec.slice(dot + 1), TRACE_DEFENSES, 'defense') as TraceDefense };
}
