import { describe, expect, it } from 'vitest';
import { benchCases, formatBenchTable, formatRepeats, medianRow, parseBenchTorchArgs, workSplit } from './bench-torch-table';
import { formatMatmulTable } from './bench-torch-matmul';
import { UsageError } from './lib/cli';

describe('bench:torch command line and table', () => {
  it('reads its flags, and rejects anything else', () => {
    const defaults = { help: false, quick: false, matmul: false, cases: ['full', '3x20'], evalThreads: [1, 2], repeat: 1 };
    expect(parseBenchTorchArgs([])).toEqual(defaults);
    expect(parseBenchTorchArgs(['--quick'])).toEqual({ ...defaults, quick: true });
    expect(parseBenchTorchArgs(['-h'])).toEqual({ ...defaults, help: true });
    expect(parseBenchTorchArgs(['--matmul'])).toEqual({ ...defaults, matmul: true });
    expect(parseBenchTorchArgs(['--cases', '3x20', '--eval-threads', '1,2'])).toEqual({ ...defaults, cases: ['3x20'], evalThreads: [1, 2] });
    expect(parseBenchTorchArgs(['--repeat', '3']).repeat).toBe(3);
    expect(() => parseBenchTorchArgs(['--repeat', '0'])).toThrow(new UsageError('--repeat takes an integer from 1 to 9; got "0"'));
    expect(() => parseBenchTorchArgs(['--rounds', '2'])).toThrow(new UsageError('unknown option --rounds'));
    expect(() => parseBenchTorchArgs(['--cases', '3x200'])).toThrow(new UsageError('--cases takes full, 3x20; got "3x200"'));
    expect(() => parseBenchTorchArgs(['--eval-threads', '2,0'])).toThrow(new UsageError('--eval-threads takes integers from 1 to 4; got "0"'));
  });

  it('times the full default and 3 × 20 epochs, the cases asked for, or one short run with --quick', () => {
    const sizes = (quick: boolean, cases?: Parameters<typeof benchCases>[1]) => benchCases(quick, cases).map((c) => [c.rounds, c.curveEpochs]);
    expect(sizes(false)).toEqual([
      [3, 200],
      [3, 20],
    ]);
    expect(sizes(false, ['3x20'])).toEqual([[3, 20]]);
    expect(sizes(true)).toEqual([[3, 2]]);
  });

  it("sums a trace's fitting and evaluation seconds over its stages", () => {
    const stage = (fitMs: number, evalMs: number) => ({ timings: { permuteMs: 1, fitMs, evalMs, steps: 1, msPerStep: 1 } });
    const rounds = [{ stages: [stage(1000, 500), stage(2000, 250)] }, { stages: [stage(500, 250)] }];
    expect(workSplit({ rounds } as unknown as Parameters<typeof workSplit>[0])).toEqual({ fitSeconds: 3.5, evalSeconds: 1 });
  });

  it('prints each CLI run, its work split, the torch times and the ratios CLI / PyTorch in aligned columns', () => {
    const runs = [
      { cli: '1 core', seconds: 128, fitSeconds: 90, evalSeconds: 30 },
      { cli: '2 cores, 2 eval threads', seconds: 100, fitSeconds: 90, evalSeconds: 10 },
    ];
    const table = formatBenchTable([{ label: 'full', runs, torch1: 40, torchN: 50 }], 2).split('\n');
    expect(table[0].split(/\s{2,}/)).toEqual([
      'run',
      'CLI',
      'CLI wall',
      'fit',
      'eval',
      'eval share',
      'torch 1 thread',
      'torch 2 threads',
      'CLI / torch 1t',
      'CLI / torch 2t',
    ]);
    expect(table[2].split(/\s{2,}/)).toEqual(['full', '1 core', '128.0 s', '90.0 s', '30.0 s', '25%', '40.0 s', '50.0 s', '3.20×', '2.56×']);
    expect(table[3].split(/\s{2,}/)).toEqual(['full', '2 cores, 2 eval threads', '100.0 s', '90.0 s', '10.0 s', '10%', '40.0 s', '50.0 s', '2.50×', '2.00×']);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });

  it('combines repeats into the median of each figure', () => {
    const row = (s: number, torch1: number) => ({ label: 'x', runs: [{ cli: '1 core', seconds: s, fitSeconds: s / 2, evalSeconds: 1 }], torch1, torchN: 9 });
    expect(medianRow([row(10, 3), row(30, 1), row(20, 2)])).toEqual({
      label: 'x',
      runs: [{ cli: '1 core', seconds: 20, fitSeconds: 10, evalSeconds: 1 }],
      torch1: 2,
      torchN: 9,
    });
    expect(medianRow([row(10, 3), row(20, 1)]).runs[0].seconds).toBe(15);
  });

  it("prints each repeat's runs with their ratio to that repeat's 1-core run", () => {
    const runs = (one: number, two: number) => [
      { cli: '1 core', seconds: one, fitSeconds: 1, evalSeconds: 1 },
      { cli: '2 cores', seconds: two, fitSeconds: 1, evalSeconds: 1 },
    ];
    expect(
      formatRepeats([
        { label: 'x', runs: runs(20, 10), torch1: 5, torchN: 9 },
        { label: 'x', runs: runs(40, 30), torch1: 6, torchN: 9 },
      ]).split('\n'),
    ).toEqual([
      'x, repeat 1: 1 core 20.0 s, 2 cores 10.0 s (0.50×); torch 1 thread 5.0 s',
      'x, repeat 2: 1 core 40.0 s, 2 cores 30.0 s (0.75×); torch 1 thread 6.0 s',
    ]);
  });

  it('prints the matMul throughput of both sides and tfjs / torch', () => {
    const table = formatMatmulTable([{ shape: { m: 64, k: 784, n: 256, where: 'curve step' }, tfjs: 20, torch: 80 }]).split('\n');
    expect(table[0].split(/\s{2,}/)).toEqual(['[m×k]·[k×n]', 'tfjs-wasm GFLOP/s', 'torch 1t GFLOP/s', 'tfjs / torch', 'where']);
    expect(table[2].split(/\s{2,}/)).toEqual(['[64×784]·[784×256]', '20.0', '80.0', '0.25×', 'curve step']);
  });
});
