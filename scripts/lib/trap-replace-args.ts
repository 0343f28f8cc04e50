/* The command line of scripts/trap-replace.ts: flags, their ranges (src/schema/trap-replace.ts) and its usage text. */
import { describeNumber } from '../../src/schema/describe';
import { TRAP_REPLACE_FIELDS } from '../../src/schema/trap-replace';
import { TRAP_REPLACE_DEFAULTS, TRAP_REPLACE_PAPER, trapReplaceDefaults, type TrapReplaceSettings } from '../../src/engine/defenses/trap-replace';
import { knownArg, numberArg, strictArgs, usageLines, UsageError } from './cli';

/** Numeric flags and the setting each sets; the setting's schema is its range. */
const NUMBER_FLAGS: [string, keyof TrapReplaceSettings][] = [
  ['stage1-epochs', 'stage1Epochs'],
  ['stage1-lr', 'stage1Lr'],
  ['stage1-batch', 'stage1BatchSize'],
  ['mse-weight', 'mseWeight'],
  ['tv-weight', 'tvWeight'],
  ['stage2-epochs', 'stage2Epochs'],
  ['stage2-lr', 'stage2Lr'],
  ['stage2-batch', 'stage2BatchSize'],
  ['label-smoothing', 'labelSmoothing'],
  ['holdout-fraction', 'holdoutFraction'],
  ['weight-decay', 'weightDecay'],
  ['seed', 'seed'],
];

const OPTIONS = {
  model: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(NUMBER_FLAGS.map(([flag]) => [flag, { type: 'string' }])),
} as const;

/** "4" or "4; 1 on Fashion-MNIST" where the dataset's default differs. */
function defaultText(key: keyof TrapReplaceSettings): string {
  const fashion = trapReplaceDefaults('fashion-mnist')[key];
  return fashion === TRAP_REPLACE_DEFAULTS[key] ? String(fashion) : `${TRAP_REPLACE_DEFAULTS[key]}; ${fashion} on Fashion-MNIST`;
}

export const TRAP_REPLACE_USAGE = [
  'Usage: npm run trap-replace -- --model <id> [options]',
  "Trap and Replace on a zoo model's poisoned training set (rebuilt from its recipe); progress on stderr, the summary as JSON on stdout.",
  usageLines([
    ['--model <id>', 'a zoo model in models/manifest.json (required)'],
    ...NUMBER_FLAGS.map(([flag, key]): [string, string] => [
      `--${flag} <n>`,
      `${describeNumber(TRAP_REPLACE_FIELDS[key])} (default ${defaultText(key)}, paper ${TRAP_REPLACE_PAPER[key]})`,
    ]),
    ['--out <file>', 'also write the summary there (npm run results writes results/<model>.trap-replace.json)'],
    ['-h, --help', 'this text'],
  ]),
  'Exit codes: 0 done, 1 the run failed or diverged, 2 a bad command line.',
].join('\n');

export interface TrapReplaceArgs {
  help: boolean;
  model: string;
  /** the settings given on the command line; the rest come from trapReplaceDefaults(the model's dataset) */
  overrides: Partial<TrapReplaceSettings>;
  out?: string;
}

/** Parses and validates the flags of scripts/trap-replace.ts; throws UsageError with a one-line message. */
export function parseTrapReplaceArgs(argv: string[], knownModels: readonly string[]): TrapReplaceArgs {
  const values = strictArgs(argv, OPTIONS) as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  if (!help && values.model === undefined) throw new UsageError('--model is required');
  const overrides: Partial<TrapReplaceSettings> = {};
  for (const [flag, key] of NUMBER_FLAGS) {
    const raw = values[flag];
    if (typeof raw === 'string') overrides[key] = numberArg(flag, raw, TRAP_REPLACE_FIELDS[key]);
  }
  return {
    help,
    model: typeof values.model === 'string' ? knownArg('model', values.model, knownModels, 'model') : '',
    overrides,
    out: typeof values.out === 'string' ? values.out : undefined,
  };
}
