/* The pure half of scripts/bench-torch.ts: its command line, the runs it times, and the table it prints. */
import { strictArgs, usageLines } from './lib/cli';

export const BENCH_TORCH_USAGE = [
  'Usage: npm run bench:torch [-- --quick]',
  'Times the Node CLI (npm run tsc, mnist-mlp-badnet, on 1 core and on 2) and the same TSC work in PyTorch',
  '(scripts/bench-torch.py, on 1 thread and on 2) in one invocation, and prints the wall times and the ratios CLI / PyTorch.',
  usageLines([
    ['--quick', 'one short run (3 rounds × 2 curve epochs) instead of the full default and 3 rounds × 20 epochs'],
    ['-h, --help', 'this text'],
  ]),
].join('\n');

export interface BenchTorchArgs {
  help: boolean;
  quick: boolean;
}

export function parseBenchTorchArgs(argv: string[]): BenchTorchArgs {
  const values = strictArgs(argv, { quick: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const);
  return { help: values.help === true, quick: values.quick === true };
}

export interface BenchCase {
  label: string;
  rounds: number;
  curveEpochs: number;
}

/** The two runs (the full default, and 3 × 20 where evaluation weighs more), or one smoke-test run. */
export function benchCases(quick: boolean): BenchCase[] {
  if (quick) return [{ label: '3 rounds × 2 epochs (--quick)', rounds: 3, curveEpochs: 2 }];
  return [
    { label: 'full default (3 × 200 epochs)', rounds: 3, curveEpochs: 200 },
    { label: '3 rounds × 20 epochs', rounds: 3, curveEpochs: 20 },
  ];
}

/** Seconds of one case: the CLI's run on 1 and 2 cores (trace.wallSeconds), PyTorch's on 1 and `threads` threads. */
export interface BenchRow {
  label: string;
  cli1: number;
  cli2: number;
  torch1: number;
  torchN: number;
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** A fixed-width table: the four wall times and the ratios CLI / PyTorch (below 1.00× the CLI is faster). */
export function formatBenchTable(rows: BenchRow[], threads: number): string {
  const head = [
    'run',
    'CLI 1 core',
    'CLI 2 cores',
    'torch 1 thread',
    `torch ${threads} threads`,
    'CLI 1c / torch 1t',
    `CLI 2c / torch ${threads}t`,
    'CLI 2c / torch 1t',
  ];
  const body = rows.map((r) => [
    r.label,
    seconds(r.cli1),
    seconds(r.cli2),
    seconds(r.torch1),
    seconds(r.torchN),
    ratio(r.cli1, r.torch1),
    ratio(r.cli2, r.torchN),
    ratio(r.cli2, r.torch1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
