import { describe, expect, it } from 'vitest';
import { UsageError } from './cli';
import { parseResultsArgs } from './results-args';

const MODELS = ['mnist-mlp-badnet', 'mnist-cnn-badnet'];
const parse = (args: string[]) => parseResultsArgs(args, MODELS);

describe('npm run results: strict arguments (scripts/lib/results-args.ts)', () => {
  it.each([
    [['--curve-epochs', '0'], '--curve-epochs must be an integer from 1 to 1000, got 0'],
    [['--defenses', 'tsc,fine-tune'], '--defenses: unknown defense "fine-tune" (known: tsc, mcr, ft, line, none, trap-replace)'],
    [['--models', 'nope'], '--models: unknown model "nope" (known: mnist-mlp-badnet, mnist-cnn-badnet)'],
    [['--table', 'yes'], 'unexpected argument "yes"'],
  ])('%j → %s', (args, message) => {
    expect(() => parse(args)).toThrow(new UsageError(message));
  });

  it('defaults and flags', () => {
    expect(parse([])).toEqual({
      help: false,
      models: null,
      defenses: ['none', 'tsc', 'mcr', 'ft', 'trap-replace'],
      curveEpochs: undefined,
      force: false,
      table: false,
    });
    expect(parse(['--defenses', 'trap-replace']).defenses).toEqual(['trap-replace']);
    expect(parse(['--models', 'mnist-cnn-badnet', '--defenses', 'ft', '--curve-epochs', '50', '--force', '--table'])).toEqual({
      help: false,
      models: ['mnist-cnn-badnet'],
      defenses: ['ft'],
      curveEpochs: 50,
      force: true,
      table: true,
    });
  });
});
