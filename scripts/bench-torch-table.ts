/* The pure half of scripts/bench-torch.ts: its command line, the runs it times, and the table it prints. */
import type { Trace } from '../src/engine/trace';
import { strictArgs, usageLines, UsageError } from './lib/cli';
import { MAX_EVAL_THREADS } from './lib/tsc-args';

export const BENCH_TORCH_USAGE = [
  'Usage: npm run bench:torch [-- --quick] [--cases full,3x20] [--eval-threads 1,2] [--repeat n] | [-- --matmul]',
  'Times the Node CLI (npm run tsc, mnist-mlp-badnet, on 1 core and on 2) and the same TSC work in PyTorch',
  '(scripts/bench-torch.py, on 1 thread and on 2) in one invocation, and prints the wall times, the ratios CLI / PyTorch',
  "and how much of each CLI run's work was fitting and how much evaluation.",
  usageLines([
    ['--quick', 'one short run (3 rounds × 2 curve epochs) instead of the cases'],
    ['--cases <list>', 'which runs, comma-separated: full (the full default, 3 × 200 epochs), 3x20 (3 rounds × 20 epochs); default full,3x20'],
    [
      '--eval-threads <list>',
      `the CLI's --eval-threads for its --cores 2 runs, comma-separated (1 to ${MAX_EVAL_THREADS}); one run each, so pool sizes compare in one invocation (default 1,2)`,
    ],
    ['--repeat <n>', 'run every configuration of a case n times (1 to 9), interleaved, and print the medians (default 1)'],
    ['--matmul', 'instead: matMul GFLOP/s of tfjs-wasm (one thread) and of PyTorch (one thread) on the shapes TSC computes, and the ratio'],
    ['-h, --help', 'this text'],
  ]),
].join('\n');

export interface BenchTorchArgs {
  help: boolean;
  quick: boolean;
  matmul: boolean;
  cases: CaseId[];
  evalThreads: number[];
  repeat: number;
}

type CaseId = 'full' | '3x20';
const CASE_IDS: CaseId[] = ['full', '3x20'];

export function parseBenchTorchArgs(argv: string[]): BenchTorchArgs {
  const values = strictArgs(argv, {
    quick: { type: 'boolean' },
    matmul: { type: 'boolean' },
    cases: { type: 'string' },
    'eval-threads': { type: 'string' },
    repeat: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } as const);
  const cases = (values.cases ?? CASE_IDS.join(',')).split(',').map((c) => {
    if (!CASE_IDS.includes(c as CaseId)) throw new UsageError(`--cases takes ${CASE_IDS.join(', ')}; got "${c}"`);
    return c as CaseId;
  });
  const evalThreads = (values['eval-threads'] ?? '1,2').split(',').map((n) => {
    if (!/^[1-9]$/.test(n) || Number(n) > MAX_EVAL_THREADS) throw new UsageError(`--eval-threads takes integers from 1 to ${MAX_EVAL_THREADS}; got "${n}"`);
    return Number(n);
  });
  const repeat = values.repeat ?? '1';
  if (!/^[1-9]$/.test(repeat)) throw new UsageError(`--repeat takes an integer from 1 to 9; got "${repeat}"`);
  return { help: values.help === true, quick: values.quick === true, matmul: values.matmul === true, cases, evalThreads, repeat: Number(repeat) };
}

export interface BenchCase {
  label: string;
  rounds: number;
  curveEpochs: number;
}

const CASES: Record<CaseId, BenchCase> = {
  full: { label: 'full default (3 × 200 epochs)', rounds: 3, curveEpochs: 200 },
  '3x20': { label: '3 rounds × 20 epochs', rounds: 3, curveEpochs: 20 },
};

/** The issue's two runs (the full default, and 3 × 20 where evaluation weighs more), or one smoke-test run. */
export function benchCases(quick: boolean, cases: CaseId[] = CASE_IDS): BenchCase[] {
  if (quick) return [{ label: '3 rounds × 2 epochs (--quick)', rounds: 3, curveEpochs: 2 }];
  return cases.map((id) => CASES[id]);
}

/** Seconds of the fitting and of the evaluation in a trace's stages (evalMs: thread time, summed over the threads it was split across). */
export function workSplit(trace: Pick<Trace, 'rounds'>): { fitSeconds: number; evalSeconds: number } {
  const stages = trace.rounds.flatMap((r) => r.stages);
  const sum = (f: (t: (typeof stages)[number]['timings']) => number) => stages.reduce((s, st) => s + f(st.timings), 0) / 1000;
  return { fitSeconds: sum((t) => t.fitMs), evalSeconds: sum((t) => t.evalMs) };
}

/** One CLI run of a case: its configuration, its trace's wall time and work split. */
export interface CliRun {
  cli: string;
  seconds: number;
  fitSeconds: number;
  evalSeconds: number;
}

/** A case: its CLI runs, and PyTorch's seconds on 1 and `threads` threads. */
export interface BenchRow {
  label: string;
  runs: CliRun[];
  torch1: number;
  torchN: number;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Repeats of one case combined: each figure the median of its repeats (the runs line up by position). */
export function medianRow(repeats: BenchRow[]): BenchRow {
  const [first] = repeats;
  const of = (f: (r: BenchRow) => number) => median(repeats.map(f));
  return {
    label: first.label,
    runs: first.runs.map((run, i) => ({
      cli: run.cli,
      seconds: of((r) => r.runs[i].seconds),
      fitSeconds: of((r) => r.runs[i].fitSeconds),
      evalSeconds: of((r) => r.runs[i].evalSeconds),
    })),
    torch1: of((r) => r.torch1),
    torchN: of((r) => r.torchN),
  };
}

/**
 * One line per repeat: each CLI run's wall time and its ratio to that repeat's first run (--cores 1),
 * and PyTorch's 1-thread time. Ratios within a repeat are measured minutes apart, not hours: under a
 * drifting load they say more than the medians.
 */
export function formatRepeats(repeats: BenchRow[]): string {
  return repeats
    .map((r, k) => {
      const base = r.runs[0].seconds;
      const runs = r.runs.map((run, i) => `${run.cli} ${seconds(run.seconds)}${i ? ` (${ratio(run.seconds, base)})` : ''}`);
      return `${r.label}, repeat ${k + 1}: ${runs.join(', ')}; torch 1 thread ${seconds(r.torch1)}`;
    })
    .join('\n');
}

const seconds = (s: number) => `${s.toFixed(1)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/**
 * A fixed-width table, one line per CLI run: its wall time, the seconds its stages spent fitting (main
 * thread) and evaluating (wherever it ran) and evaluation's share of the two, PyTorch's times for that
 * case and the ratios CLI / PyTorch (below 1.00× the CLI is faster).
 */
export function formatBenchTable(rows: BenchRow[], threads: number): string {
  const head = [
    'run',
    'CLI',
    'CLI wall',
    'fit',
    'eval',
    'eval share',
    'torch 1 thread',
    `torch ${threads} threads`,
    'CLI / torch 1t',
    `CLI / torch ${threads}t`,
  ];
  const body = rows.flatMap((r) =>
    r.runs.map((run) => [
      r.label,
      run.cli,
      seconds(run.seconds),
      seconds(run.fitSeconds),
      seconds(run.evalSeconds),
      `${((100 * run.evalSeconds) / (run.fitSeconds + run.evalSeconds)).toFixed(0)}%`,
      seconds(r.torch1),
      seconds(r.torchN),
      ratio(run.seconds, r.torch1),
      ratio(run.seconds, r.torchN),
    ]),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
