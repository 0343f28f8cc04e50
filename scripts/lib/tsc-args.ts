/* The command line of scripts/tsc.ts: every flag, its range (from the settings schema) and its usage line. */
import * as v from 'valibot';
import { describeNumber } from '../../src/schema/describe';
import { CLI_SETTINGS_FIELDS, DefenseSchema, NodeBackendSchema, PermutationMethodSchema, type CliSettingsFields } from '../../src/schema/settings';
import { TSC_DEFAULTS, type TscSettings } from '../../src/engine/settings';
import { DEFAULT_MODEL_ID } from '../../src/engine/zoo';
import type { DatasetId } from '../../src/engine/data/datasets';
import { choiceArg, knownArg, numberArg, strictArgs, usageLines, UsageError } from './cli';
import { parseTriggerTarget, TRIGGER_TARGET_OPTIONS, TRIGGER_TARGET_USAGE, type TriggerTarget } from './trigger-target-args';

/**
 * One thread: with two, three threads share two cores while a stage fits and the fitting slows; on 3 × 20
 * at a load of 1.3-2 a pool of 2 took 0.77× the 1-core time against 0.63-0.66× for one thread
 * (npm run bench:torch -- --cases 3x20 --eval-threads 1,2 --repeat 2).
 */
export const DEFAULT_EVAL_THREADS = 1;
export const MAX_EVAL_THREADS = 4;

const DatasetIdSchema = v.picklist(['mnist', 'fashion-mnist'] satisfies DatasetId[]);

type NumberField = { [K in keyof CliSettingsFields]: CliSettingsFields[K] extends number ? K : never }[keyof CliSettingsFields];

/** Numeric flags and the settings field each sets; the field's schema is its range. */
const NUMBER_FLAGS: [string, NumberField][] = [
  ['rounds', 'rounds'],
  ['t', 't'],
  ['curve-epochs', 'curveEpochs'],
  ['curve-lr', 'curveLr'],
  ['curve-batch', 'curveBatchSize'],
  ['clean-fraction', 'cleanFraction'],
  ['eval-samples', 'evalSamples'],
  ['test-samples', 'testSamples'],
  ['mcr-epochs', 'mcrEndpointEpochs'],
  ['seed', 'seed'],
];

const OPTIONS = {
  model: { type: 'string' },
  'model-dir': { type: 'string' },
  dataset: { type: 'string' },
  defense: { type: 'string' },
  permutation: { type: 'string' },
  'no-finetune': { type: 'boolean' },
  backend: { type: 'string' },
  cores: { type: 'string' },
  'eval-threads': { type: 'string' },
  out: { type: 'string' },
  ...TRIGGER_TARGET_OPTIONS,
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(NUMBER_FLAGS.map(([flag]) => [flag, { type: 'string' }])),
} as const;

export const TSC_USAGE = [
  'Usage: npm run tsc -- [options]',
  'Runs TSC or a baseline on a zoo model, or on a tfjs Layers model folder, in Node: progress on stderr, one JSON object on stdout.',
  usageLines([
    ['--model <id>', `a zoo model in models/manifest.json (default ${DEFAULT_MODEL_ID})`],
    [
      '--model-dir <folder>',
      'instead of --model: a tfjs Layers model folder (model.json and its shards; src/schema/model-import.ts says what is supported); needs --dataset, --trigger and --target',
    ],
    ['--dataset <id>', 'with --model-dir: the dataset the model was trained on, mnist or fashion-mnist'],
    ['--defense <kind>', `one of tsc, mcr, ft, line, none (default ${TSC_DEFAULTS.defense})`],
    ...NUMBER_FLAGS.map(([flag, key]): [string, string] => [
      `--${flag} <n>`,
      `${describeNumber(CLI_SETTINGS_FIELDS[key])} (default ${TSC_DEFAULTS[key]}${key === 'testSamples' ? ': the full test split' : ''})`,
    ]),
    ['--permutation <method>', `activation or weight (default ${TSC_DEFAULTS.permutationMethod})`],
    ['--no-finetune', 'no fine-tuning between TSC rounds'],
    ['--backend <name>', 'wasm or cpu (default wasm)'],
    [
      '--cores <n>',
      '1: everything on this thread; 2: the curves, lines and test-set ACC/ASR the run reports measured on worker threads while the next stage fits (default 2 where the machine has 2 cores)',
    ],
    [
      '--eval-threads <n>',
      `with --cores 2: how many worker threads (1 to ${MAX_EVAL_THREADS}) share each of those evaluations, split by curve points and by the test set's clean and triggered halves (default ${DEFAULT_EVAL_THREADS})`,
    ],
    ...TRIGGER_TARGET_USAGE,
    ['--out <file>', 'also write the whole trace, correlation matrices included'],
    ['-h, --help', 'this text'],
  ]),
  "Ranges are the page's (src/schema/settings.ts). Exit codes: 0 done, 1 the run failed or diverged, 2 a bad command line.",
].join('\n');

export interface TscArgs extends TriggerTarget {
  help: boolean;
  /** the zoo model (DEFAULT_MODEL_ID when neither flag names one; unused with modelDir) */
  model: string;
  /** a tfjs Layers model folder instead of a zoo model, with the dataset it was trained on */
  modelDir?: { path: string; dataset: DatasetId };
  out?: string;
  backend: 'wasm' | 'cpu';
  /** absent: the script picks by the machine's cores */
  cores?: 1 | 2;
  /** worker threads that share the evaluations with --cores 2 (src/engine/node/eval-thread-pool.ts) */
  evalThreads: number;
  settings: Partial<TscSettings>;
}

/** Parses and validates the flags of scripts/tsc.ts; throws UsageError with a one-line message. */
export function parseTscArgs(argv: string[], knownModels: readonly string[]): TscArgs {
  const values = strictArgs(argv, OPTIONS) as Record<string, string | boolean | undefined>;
  const str = (flag: string) => values[flag] as string | undefined;
  const settings: Partial<TscSettings> = {};
  const defense = str('defense');
  if (defense !== undefined) settings.defense = choiceArg('defense', defense, DefenseSchema);
  for (const [flag, key] of NUMBER_FLAGS) {
    const raw = str(flag);
    if (raw !== undefined) settings[key] = numberArg(flag, raw, CLI_SETTINGS_FIELDS[key]);
  }
  const permutation = str('permutation');
  if (permutation !== undefined) settings.permutationMethod = choiceArg('permutation', permutation, PermutationMethodSchema);
  if (values['no-finetune']) settings.interRoundFinetune = false;
  const out = str('out');
  if (out === '') throw new UsageError('--out needs a file name');
  const model = str('model');
  const backend = str('backend');
  const cores = str('cores');
  if (cores !== undefined && cores !== '1' && cores !== '2') throw new UsageError(`--cores must be 1 or 2; got "${cores}"`);
  const evalThreads = str('eval-threads') ?? String(DEFAULT_EVAL_THREADS);
  if (!/^[1-9]$/.test(evalThreads) || Number(evalThreads) > MAX_EVAL_THREADS) {
    throw new UsageError(`--eval-threads must be an integer from 1 to ${MAX_EVAL_THREADS}; got "${evalThreads}"`);
  }
  if (cores === '1' && str('eval-threads') !== undefined)
    throw new UsageError('--eval-threads needs --cores 2 (with --cores 1 nothing runs on a worker thread)');
  const triggerTarget = parseTriggerTarget(str('trigger'), str('target'));
  return {
    help: values.help === true,
    model: model === undefined ? DEFAULT_MODEL_ID : knownArg('model', model, knownModels, 'model'),
    modelDir: modelDirArg(str('model-dir'), str('dataset'), model, triggerTarget),
    out,
    backend: backend === undefined ? 'wasm' : choiceArg('backend', backend, NodeBackendSchema),
    cores: cores === undefined ? undefined : cores === '1' ? 1 : 2,
    evalThreads: Number(evalThreads),
    settings,
    ...triggerTarget,
  };
}

/** --model-dir and --dataset, checked against --model, --trigger and --target. */
function modelDirArg(path: string | undefined, dataset: string | undefined, model: string | undefined, given: TriggerTarget): TscArgs['modelDir'] {
  if (path === undefined) {
    if (dataset !== undefined) throw new UsageError("--dataset goes with --model-dir (a zoo model's dataset is in models/manifest.json)");
    return undefined;
  }
  if (path === '') throw new UsageError('--model-dir needs a folder');
  if (model !== undefined) throw new UsageError('--model and --model-dir both name a model; give one of them');
  if (given.trigger === undefined || given.target === undefined) {
    throw new UsageError(
      '--model-dir needs --trigger and --target: a model from a folder has no recipe, so the backdoor its ASR is measured with must be given',
    );
  }
  if (dataset === undefined) throw new UsageError('--model-dir needs --dataset (mnist or fashion-mnist): the dataset the model was trained on');
  return { path, dataset: choiceArg('dataset', dataset, DatasetIdSchema) };
}
