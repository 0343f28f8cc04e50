import { describe, expect, it } from 'vitest';
import { UsageError } from './cli';
import { parseTscArgs, TSC_USAGE } from './tsc-args';
import { measuredWith } from './trigger-target-args';

const MODELS = ['mnist-mlp-badnet'];
const parse = (...argv: string[]) => parseTscArgs(argv, MODELS);
const ZOO = { attack: { kind: 'badnet' as const, patchSize: 3, value: 1 }, target: 0 };

describe('npm run tsc -- --trigger <spec> --target <class> (scripts/lib/trigger-target-args.ts)', () => {
  it('left out, the model keeps its recipe and target', () => {
    const args = parse();
    expect([args.trigger, args.target]).toEqual([undefined, undefined]);
    expect(measuredWith(ZOO, args)).toEqual(ZOO);
  });

  it('a described trigger and target replace the recipe’s, parameters not given at their defaults', () => {
    const args = parse('--trigger', 'badnet:size=4', '--target', '7');
    expect(args.trigger).toEqual({ kind: 'badnet', patchSize: 4, value: 1 });
    expect(measuredWith(ZOO, args)).toEqual({ attack: { kind: 'badnet', patchSize: 4, value: 1 }, target: 7 });
    expect(measuredWith(ZOO, parse('--target=3'))).toEqual({ ...ZOO, target: 3 });
    expect(parse('--trigger=blended:alpha=0.1').trigger).toEqual({ kind: 'blended', alpha: 0.1, patternSeed: 1234 });
  });

  it.each([
    ['--trigger badnet:size=40', '--trigger badnet: size is 40, expected an integer from 1 to 28'],
    ['--trigger badnet:size=4,x=26', '--trigger badnet: x is 26, expected at most 24 so that a 4×4 patch fits in 28×28'],
    ['--trigger square', '--trigger: unknown trigger "square" (known: badnet, blended, sig, wanet, patch, blend)'],
    ['--trigger patch:', '--trigger patch: needs a file first (patch:<file.png|file.json>,x=0,y=0)'],
    ['--target 10', '--target must be a class from 0 to 9; got "10"'],
    ['--target 1.5', '--target must be a class from 0 to 9; got "1.5"'],
    ['--target=-1', '--target must be a class from 0 to 9; got "-1"'],
    ['--trigger badnet --trigger sig', '--trigger given twice'],
  ])('%s: %s', (line, message) => {
    const run = () => parse(...line.split(' '));
    expect(run).toThrow(UsageError);
    expect(run).toThrow(new UsageError(message)); // the whole message, not a part of it
  });

  it('--help lists both flags', () => {
    expect(TSC_USAGE).toMatch(/--trigger <spec> +the trigger ASR is measured with \(default: the model's recipe\): badnet\[/);
    expect(TSC_USAGE).toMatch(/--target <class> +the class the trigger aims at, 0 to 9 \(default: the model's target\)/);
  });
});
