import { describe, expect, it } from 'vitest';
import { UsageError } from './cli';
import { parseTscArgs } from './tsc-args';

const MODELS = ['mnist-mlp-badnet', 'mnist-cnn-badnet'];
const parse = (args: string) => parseTscArgs(args.split(' ').filter(Boolean), MODELS);

describe('npm run tsc: strict arguments (scripts/lib/tsc-args.ts)', () => {
  it.each([
    ['--curve-batch 0', '--curve-batch must be an integer from 1 to 10000, got 0'],
    ['--eval-samples 0', '--eval-samples must be an integer from 1 to 10000, got 0'],
    ['--curve-lr 50', '--curve-lr must be a number > 0 and ≤ 10, got 50'],
    ['--curve-lr 0', '--curve-lr must be a number > 0 and ≤ 10, got 0'],
    ['--rounds 1.5', '--rounds must be an integer from 1 to 10, got 1.5'],
    ['--t 1.01', '--t must be a number from 0 to 1, got 1.01'],
    ['--clean-fraction 0', '--clean-fraction must be a number > 0 and ≤ 1, got 0'],
    ['--mcr-epochs 0', '--mcr-epochs must be an integer from 1 to 1000, got 0'],
    ['--seed=-1', '--seed must be an integer from 0 to 9007199254740991, got -1'],
    ['--rounds abc', '--rounds expects a number, got "abc"'],
    ['--rounds=', '--rounds expects a number, got ""'],
    ['--curve-lr Infinity', '--curve-lr expects a number, got "Infinity"'],
    ['--rounds 0x10', '--rounds expects a number, got "0x10"'],
    ['--backend gpu', '--backend must be one of wasm, cpu; got "gpu"'],
    ['--cores 3', '--cores must be 1 or 2; got "3"'],
    ['--trigger badnet:size=40', '--trigger badnet: size is 40, expected an integer from 1 to 28'],
    ['--target 10', '--target must be a class from 0 to 9; got "10"'],
    ['--eval-threads 0', '--eval-threads must be an integer from 1 to 4; got "0"'],
    ['--eval-threads 5', '--eval-threads must be an integer from 1 to 4; got "5"'],
    ['--eval-threads 1.5', '--eval-threads must be an integer from 1 to 4; got "1.5"'],
    ['--cores 1 --eval-threads 2', '--eval-threads needs --cores 2 (with --cores 1 nothing runs on a worker thread)'],
    ['--permutation foo', '--permutation must be one of activation, weight; got "foo"'],
    ['--defense TSC', '--defense must be one of tsc, mcr, ft, line, none; got "TSC"'],
    ['--model nope', '--model: unknown model "nope" (known: mnist-mlp-badnet, mnist-cnn-badnet)'],
    ['--model', '--model needs a value'],
    ['--model --rounds 2', '--model needs a value; "--rounds" reads as an option (write --model=--rounds if it is the value)'],
    ['--seed -1', '--seed needs a value; "-1" reads as an option (write --seed=-1 if it is the value)'],
    ['--foo', 'unknown option --foo'],
    ['--curve-batch=8 --bogus=1', 'unknown option --bogus'],
    ['-x', 'unknown option -x'],
    ['mnist-mlp-badnet', 'unexpected argument "mnist-mlp-badnet"'],
    ['--no-finetune=yes', '--no-finetune takes no value'],
    ['--rounds 2 --rounds 3', '--rounds given twice'],
    ['--out=', '--out needs a file name'],
    [
      '--model-dir m --dataset mnist',
      '--model-dir needs --trigger and --target: a model from a folder has no recipe, so the backdoor its ASR is measured with must be given',
    ],
    [
      '--model-dir m --dataset mnist --trigger badnet',
      '--model-dir needs --trigger and --target: a model from a folder has no recipe, so the backdoor its ASR is measured with must be given',
    ],
    ['--model-dir m --trigger badnet --target 0', '--model-dir needs --dataset (mnist or fashion-mnist): the dataset the model was trained on'],
    ['--model-dir m --dataset cifar10 --trigger badnet --target 0', '--dataset must be one of mnist, fashion-mnist; got "cifar10"'],
    ['--model mnist-mlp-badnet --model-dir m --trigger badnet --target 0', '--model and --model-dir both name a model; give one of them'],
    ['--model-dir= --trigger badnet --target 0', '--model-dir needs a folder'],
    ['--dataset mnist', "--dataset goes with --model-dir (a zoo model's dataset is in models/manifest.json)"],
  ])('%s → %s', (args, message) => {
    const run = () => parse(args);
    expect(run).toThrow(UsageError);
    expect(run).toThrow(new UsageError(message));
  });

  it('--model-dir with its dataset, trigger and target', () => {
    const args = parse('--model-dir test/fixtures/models/good/two-shards --dataset fashion-mnist --trigger badnet --target 4');
    expect(args.modelDir).toEqual({ path: 'test/fixtures/models/good/two-shards', dataset: 'fashion-mnist' });
    expect(args).toMatchObject({ target: 4, trigger: { kind: 'badnet' } });
    expect(parse('--rounds 2').modelDir).toBeUndefined();
  });

  it('reads every flag into the settings, and defaults the rest', () => {
    expect(parse('')).toEqual({ help: false, model: 'mnist-mlp-badnet', out: undefined, backend: 'wasm', evalThreads: 1, settings: {} });
    expect(parse('--cores 2 --eval-threads 3')).toMatchObject({ cores: 2, evalThreads: 3 });
    const args = parse(
      '--model mnist-cnn-badnet --defense mcr --rounds 2 --t 0.3 --curve-epochs 5 --curve-lr 0.2 --curve-batch 32 --clean-fraction 0.1 ' +
        '--eval-samples 300 --test-samples 0 --mcr-epochs 3 --seed 7 --permutation weight --no-finetune --backend cpu --cores 1 --out t.json',
    );
    expect(args).toEqual({
      help: false,
      model: 'mnist-cnn-badnet',
      out: 't.json',
      backend: 'cpu',
      cores: 1,
      evalThreads: 1,
      settings: {
        defense: 'mcr',
        rounds: 2,
        t: 0.3,
        curveEpochs: 5,
        curveLr: 0.2,
        curveBatchSize: 32,
        cleanFraction: 0.1,
        evalSamples: 300,
        testSamples: 0,
        mcrEndpointEpochs: 3,
        seed: 7,
        permutationMethod: 'weight',
        interRoundFinetune: false,
      },
    });
    expect(parse('-h').help).toBe(true);
  });
});
