import { describe, expect, it } from 'vitest';
import { benchCases, formatBenchTable, parseBenchTorchArgs } from './bench-torch-table';
import { UsageError } from './lib/cli';

describe('bench:torch command line and table', () => {
  it('reads --quick and --help, and rejects anything else', () => {
    expect(parseBenchTorchArgs([])).toEqual({ help: false, quick: false });
    expect(parseBenchTorchArgs(['--quick'])).toEqual({ help: false, quick: true });
    expect(parseBenchTorchArgs(['-h'])).toEqual({ help: true, quick: false });
    expect(() => parseBenchTorchArgs(['--rounds', '2'])).toThrow(new UsageError('unknown option --rounds'));
  });

  it('times the full default and 3 × 20 epochs, or one short run with --quick', () => {
    expect(benchCases(false).map((c) => [c.rounds, c.curveEpochs])).toEqual([
      [3, 200],
      [3, 20],
    ]);
    expect(benchCases(true).map((c) => [c.rounds, c.curveEpochs])).toEqual([[3, 2]]);
  });

  it('prints each time and the ratios CLI / PyTorch in aligned columns', () => {
    const table = formatBenchTable([{ label: 'full', cli1: 128, cli2: 100, torch1: 40, torchN: 50 }], 2).split('\n');
    expect(table[0].split(/\s{2,}/)).toEqual([
      'run',
      'CLI 1 core',
      'CLI 2 cores',
      'torch 1 thread',
      'torch 2 threads',
      'CLI 1c / torch 1t',
      'CLI 2c / torch 2t',
      'CLI 2c / torch 1t',
    ]);
    expect(table[2].split(/\s{2,}/)).toEqual(['full', '128.0 s', '100.0 s', '40.0 s', '50.0 s', '3.20×', '2.00×', '2.50×']);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });
});
