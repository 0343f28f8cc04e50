import { describe, expect, it } from 'vitest';
import { UsageError } from './cli';
import { parseTrapReplaceArgs } from './trap-replace-args';

const MODELS = ['mnist-mlp-badnet', 'fmnist-mlp-badnet'];
const parse = (args: string[]) => parseTrapReplaceArgs(args, MODELS);

describe('npm run trap-replace: strict arguments (scripts/lib/trap-replace-args.ts)', () => {
  it.each([
    [[], '--model is required'],
    [['--model', 'nope'], '--model: unknown model "nope" (known: mnist-mlp-badnet, fmnist-mlp-badnet)'],
    [['--model', 'mnist-mlp-badnet', '--stage1-epochs', '0'], '--stage1-epochs must be an integer from 1 to 1000, got 0'],
    [['--model', 'mnist-mlp-badnet', '--holdout-fraction', '1'], '--holdout-fraction must be a number > 0 and < 1, got 1'],
    [['--model', 'mnist-mlp-badnet', '--cutmix'], 'unknown option --cutmix'],
  ])('%j → %s', (args, message) => {
    expect(() => parse(args)).toThrow(new UsageError(message));
  });

  it('flags become overrides; the rest is left to the model dataset’s defaults', () => {
    expect(parse(['--model', 'fmnist-mlp-badnet'])).toEqual({ help: false, model: 'fmnist-mlp-badnet', overrides: {}, out: undefined });
    expect(parse(['--model', 'mnist-mlp-badnet', '--stage1-epochs', '2', '--stage2-lr', '0.03', '--out', 'x.json'])).toEqual({
      help: false,
      model: 'mnist-mlp-badnet',
      overrides: { stage1Epochs: 2, stage2Lr: 0.03 },
      out: 'x.json',
    });
  });
});
