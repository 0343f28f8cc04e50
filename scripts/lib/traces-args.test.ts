import { describe, expect, it } from 'vitest';
import { UsageError } from './cli';
import { parseTracesArgs } from './traces-args';

const MODELS = ['mnist-mlp-badnet', 'mnist-cnn-badnet'];
const DEFAULTS = { out: 'public/traces', planes: 'mnist-mlp-badnet', planeSamples: 500 };
const parse = (args: string[]) => parseTracesArgs(args, MODELS, DEFAULTS);

describe('npm run traces: strict arguments (scripts/lib/traces-args.ts)', () => {
  it.each([
    [['--eval-samples', '0'], '--eval-samples must be an integer from 1 to 10000, got 0'],
    [['--plane-samples', '0'], '--plane-samples must be an integer from 1 to 10000, got 0'],
    [['--defenses', 'tsc,line'], '--defenses: unknown defense "line" (known: tsc, mcr, ft)'],
    [['--models', 'mnist-mlp-badnet,nope'], '--models: unknown model "nope" (known: mnist-mlp-badnet, mnist-cnn-badnet)'],
    [['--verify', 'mnist-mlp-badnet.none'], '--verify: unknown defense "none" (known: tsc, mcr, ft)'],
    [['--verify'], '--verify needs a value'],
    [['--forc'], 'unknown option --forc'],
  ])('%j → %s', (args, message) => {
    expect(() => parse(args)).toThrow(new UsageError(message));
  });

  it('defaults, lists, an empty --planes and a verify spec', () => {
    expect(parse([])).toEqual({
      help: false,
      models: null,
      defenses: ['tsc', 'mcr', 'ft'],
      planes: ['mnist-mlp-badnet'],
      planeSamples: 500,
      force: false,
      verify: null,
      out: 'public/traces',
      overrides: {},
    });
    const args = parse(['--models', 'mnist-cnn-badnet', '--defenses', 'tsc', '--planes', '', '--rounds', '1', '--curve-epochs', '2', '--force']);
    expect(args).toMatchObject({ models: ['mnist-cnn-badnet'], defenses: ['tsc'], planes: [], force: true, overrides: { rounds: 1, curveEpochs: 2 } });
    expect(parse(['--verify', 'mnist-cnn-badnet']).verify).toEqual({ model: 'mnist-cnn-badnet', defense: 'tsc' });
    expect(parse(['--verify', 'mnist-cnn-badnet.mcr']).verify).toEqual({ model: 'mnist-cnn-badnet', defense: 'mcr' });
  });
});
