/**
 * `npm run bench:torch`: the Node CLI against PyTorch on the same TSC work, in one invocation.
 * For each case (scripts/bench-torch-table.ts) it runs `scripts/tsc.ts` on mnist-mlp-badnet with
 * --cores 1 and with --cores 2 for each --eval-threads asked for, and scripts/bench-torch.py --tsc-json
 * with the set sizes the CLI's trace reports on 1 thread and on the machine's cores, interleaved, then
 * prints the table. The CLI's time is its trace's wallSeconds (the run, after the data and backend are
 * loaded), like the Python timer. `--matmul`: scripts/bench-torch-matmul.ts instead.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Trace } from '../src/engine/trace';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { runMatmulBench } from './bench-torch-matmul';
import {
  BENCH_TORCH_USAGE,
  benchCases,
  formatBenchTable,
  parseBenchTorchArgs,
  workSplit,
  formatRepeats,
  medianRow,
  type BenchCase,
  type BenchRow,
  type CliRun,
} from './bench-torch-table';
import { runCli } from './lib/cli';

const PYTHON = '/usr/bin/python3'; // Debian's python3-torch installs into the system Python
const MODEL = 'mnist-mlp-badnet'; // bench-torch.py mirrors the MLP only

function checkTorch(): void {
  const r = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`PyTorch is missing from ${PYTHON}: install Debian's package with \`sudo apt-get install -y python3-torch\`, then run this again.`);
  }
}

/** `evalThreads`: the CLI's --eval-threads with --cores 2; none: --cores 1. */
function runCliCase(c: BenchCase, evalThreads: number | null, dir: string): Trace {
  const out = join(dir, `trace-${c.curveEpochs}-${evalThreads ?? 0}.json`);
  const args = [
    'scripts/tsc.ts',
    '--model',
    MODEL,
    '--rounds',
    String(c.rounds),
    '--curve-epochs',
    String(c.curveEpochs),
    ...(evalThreads === null ? ['--cores', '1'] : ['--cores', '2', '--eval-threads', String(evalThreads)]),
    '--out',
    out,
  ];
  console.error(`[bench:torch] npm run tsc -- ${args.slice(1).join(' ')}`);
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`the CLI run failed (exit code ${r.status})`);
  return JSON.parse(readFileSync(out, 'utf8')) as Trace;
}

/** PyTorch's seconds for the work of `trace`'s run (its sizes, rounds, epochs and fine-tuning). */
function runTorchCase(trace: Trace, threads: number): number {
  const s = trace.settings;
  if (s.curveBatchSize !== 64) throw new Error(`bench-torch.py uses batch 64; the CLI ran with ${s.curveBatchSize}`);
  const args = [
    'scripts/bench-torch.py',
    '--tsc-json',
    '--threads',
    String(threads),
    '--rounds',
    String(s.rounds),
    '--curve-epochs',
    String(s.curveEpochs),
    '--clean',
    String(trace.cleanSubsetSize),
    '--finetune-epochs',
    String(s.interRoundFinetune ? s.finetuneEpochs : 0),
    '--eval',
    `${trace.evalSubset.clean},${trace.evalSubset.poisoned}`,
    '--test',
    `${trace.testSet.clean},${trace.testSet.poisoned}`,
    '--points',
    String(s.curvePoints),
  ];
  console.error(`[bench:torch] ${PYTHON} ${args.join(' ')}`);
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`bench-torch.py failed (exit code ${r.status})`);
  const { seconds } = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as { seconds: number };
  console.error(`[bench:torch] PyTorch on ${threads} thread${threads > 1 ? 's' : ''}: ${seconds.toFixed(1)} s`); // kept if a later run fails
  return seconds;
}

async function main(): Promise<void> {
  const args = parseBenchTorchArgs(process.argv.slice(2));
  if (args.help) return void console.log(BENCH_TORCH_USAGE);
  checkTorch();
  if (args.matmul) return runMatmulBench(PYTHON);
  const threads = Math.max(2, availableParallelism());
  const load = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'bench-torch-'));
  const rows: BenchRow[] = [];
  const perRepeat: string[] = [];
  try {
    for (const c of benchCases(args.quick, args.cases)) {
      const cliRun = (cli: string, trace: Trace): CliRun => ({ cli, seconds: trace.wallSeconds, ...workSplit(trace) });
      const repeats: BenchRow[] = [];
      for (let rep = 1; rep <= args.repeat; rep++) {
        if (args.repeat > 1) console.error(`[bench:torch] ${c.label}: repeat ${rep} of ${args.repeat}`);
        // interleaved, so that a change in the machine's load touches both sides alike
        const one = runCliCase(c, null, dir);
        const torch1 = runTorchCase(one, 1);
        const runs = [cliRun('1 core', one)];
        let torchN = 0;
        for (const [i, n] of args.evalThreads.entries()) {
          runs.push(cliRun(`2 cores, ${n} eval thread${n > 1 ? 's' : ''}`, runCliCase(c, n, dir)));
          if (i === 0) torchN = runTorchCase(one, threads);
        }
        repeats.push({ label: c.label, runs, torch1, torchN });
      }
      rows.push(medianRow(repeats));
      if (args.repeat > 1) perRepeat.push(formatRepeats(repeats));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const d = TSC_DEFAULTS;
  console.log(
    `${MODEL}, batch ${d.curveBatchSize}, ${d.curvePoints}-point curves and straight lines, inter-round fine-tuning ${d.finetuneEpochs} epochs; ` +
      `CLI on tfjs-wasm: "1 core" = --cores 1, "2 cores, n eval threads" = --cores 2 --eval-threads n (curve, line and test-set evaluations split over n worker threads); ` +
      `fit / eval: seconds the stages spent fitting curves (main thread) and evaluating (thread time, summed over the threads)`,
  );
  if (args.repeat > 1) console.log(`each figure: the median of ${args.repeat} interleaved repeats (the ratios: of those medians)`);
  console.log(formatBenchTable(rows, threads));
  for (const lines of perRepeat) console.log(lines);
  console.log(`load average (1 min): ${load.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end, on ${availableParallelism()} cores`);
}

void runCli('bench:torch', BENCH_TORCH_USAGE, main);
