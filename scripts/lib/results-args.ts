/* The command line of scripts/results.ts: flags, their ranges (from the settings schema) and its usage text. */
import { describeNumber, picklistOptions } from '../../src/schema/describe';
import { DefenseSchema, RUN_SETTINGS_FIELDS } from '../../src/schema/settings';
import type { DefenseKind } from '../../src/engine/settings';
import { listArg, numberArg, strictArgs, usageLines } from './cli';

/** The engine's defenses (runDefense) and Trap and Replace, a training-time defense run by scripts/lib/trap-replace-run.ts. */
export type ResultsDefense = DefenseKind | 'trap-replace';
const DEFENSES = [...(picklistOptions(DefenseSchema) ?? []), 'trap-replace'];
const DEFAULT_DEFENSES = 'none,tsc,mcr,ft,trap-replace';

const OPTIONS = {
  models: { type: 'string' },
  defenses: { type: 'string' },
  'curve-epochs': { type: 'string' },
  force: { type: 'boolean' },
  table: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const RESULTS_USAGE = [
  'Usage: npm run results -- [options]   TSC, MCR, FT, Trap and Replace and no defense side by side; summaries in results/',
  usageLines([
    ['--models <id,id>', 'zoo models (default: every BadNet and Blended model)'],
    ['--defenses <list>', `some of ${DEFENSES.join(', ')} (default ${DEFAULT_DEFENSES})`],
    ['--curve-epochs <n>', `${describeNumber(RUN_SETTINGS_FIELDS.curveEpochs)} (not Trap and Replace: npm run trap-replace sets its epochs)`],
    ['--force', 're-run runs kept with the same settings'],
    ['--table', 'only print the table of the kept runs'],
    ['-h, --help', 'this text'],
  ]),
].join('\n');

export interface ResultsArgs {
  help: boolean;
  /** null: every BadNet and Blended zoo model */
  models: string[] | null;
  defenses: ResultsDefense[];
  curveEpochs?: number;
  force: boolean;
  table: boolean;
}

/** Parses and validates the flags of scripts/results.ts; throws UsageError with a one-line message. */
export function parseResultsArgs(argv: string[], knownModels: readonly string[]): ResultsArgs {
  const values = strictArgs(argv, OPTIONS);
  const epochs = values['curve-epochs'];
  return {
    help: values.help === true,
    models: values.models === undefined ? null : listArg('models', values.models, knownModels, 'model'),
    defenses: listArg('defenses', values.defenses ?? DEFAULT_DEFENSES, DEFENSES, 'defense') as ResultsDefense[],
    curveEpochs: epochs === undefined ? undefined : numberArg('curve-epochs', epochs, RUN_SETTINGS_FIELDS.curveEpochs),
    force: values.force === true,
    table: values.table === true,
  };
}
