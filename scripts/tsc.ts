/**
 * Runs TSC (or a baseline) on a zoo model, or on a tfjs Layers model folder (--model-dir), in Node and prints one JSON object on stdout;
 * progress goes to stderr. Flags and their ranges: scripts/lib/tsc-args.ts (npm run tsc -- --help).
 * Exit codes: 0 done, 1 the run failed or diverged (with --out, what it measured before is kept),
 * 2 a bad command line or a model folder the import rejects (src/schema/model-import.ts).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { DivergenceError, NonFiniteResultError } from '../src/engine/divergence';
import { disposeParams } from '../src/engine/model/params';
import { runDefense } from '../src/engine/run-defense';
import { evalPool } from '../src/engine/node/eval-thread-pool';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput, readManifest } from '../src/engine/node/zoo';
import { runCli } from './lib/cli';
import { parseTscArgs, TSC_USAGE, type TscArgs } from './lib/tsc-args';
import { measuredLine, modelDirInput } from './lib/model-dir';
import { defined } from '../src/engine/defined';
import type { DefenseInput } from '../src/engine/run-defense';
import { measuredWith } from './lib/trigger-target-args';
import { describeAttack } from '../src/engine/attacks';

/** A model folder's run input, after its import's notes and its clean ACC and ASR on the whole test split are printed. */
async function folderInput(dir: NonNullable<TscArgs['modelDir']>, given: TscArgs): Promise<DefenseInput> {
  const imported = await modelDirInput(dir.path, dir.dataset, defined(given.trigger, '--trigger'), defined(given.target, '--target'));
  for (const note of imported.notes) console.error(`[tsc] import: ${note}`);
  console.error(`[tsc] ${await measuredLine(imported)}`);
  return imported.input;
}

async function main(): Promise<void> {
  const args = parseTscArgs(
    process.argv.slice(2),
    readManifest().models.map((m) => m.id),
  );
  if (args.help) return void console.log(TSC_USAGE);
  const backend = await initNodeBackend(args.backend);
  const input = args.modelDir ? await folderInput(args.modelDir, args) : measuredWith(await defenseInput(args.model), args);
  console.error(
    `[tsc] ASR measured with ${describeAttack(input.attack)} → class ${input.target}${args.trigger || args.target !== undefined ? ' (given on the command line)' : " (the model's recipe)"}`,
  );
  const cores = args.cores ?? (availableParallelism() >= 2 ? 2 : 1);
  const threads = `${args.evalThreads} worker thread${args.evalThreads > 1 ? 's' : ''}`;
  console.error(`[tsc] ${input.modelId} on ${backend}, ${cores === 2 ? `2 cores (curve, line and test-set evaluations on ${threads})` : '1 core'}`);
  let lastLine = 0;
  const run = runDefense(input, args.settings, {
    curveEvaluator: cores === 2 ? evalPool(backend, args.evalThreads) : undefined,
    emit: (ev) => {
      if (ev.type === 'progress' && Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        console.error(`[tsc] round ${ev.round} stage ${ev.stage}: ${ev.phase} epoch ${ev.epoch}/${ev.epochs} step ${ev.step}/${ev.totalSteps}`);
      } else if (ev.type === 'stage') {
        const r = ev.record;
        const p0 = r.curve[0];
        const pt = r.curve.reduce((best, p) => (Math.abs(p.t - r.output.t) < Math.abs(best.t - r.output.t) ? p : best));
        console.error(
          `[tsc] round ${r.round} stage ${r.stage} (${r.kind}): θ(${r.output.t}) ACC ${(100 * r.output.acc).toFixed(2)}% ASR ${(100 * r.output.asr).toFixed(2)}%; ` +
            `poisoned loss t=0 ${p0.poisonedLoss.toFixed(3)} → t=${pt.t} ${pt.poisonedLoss.toFixed(3)}, clean ${p0.cleanLoss.toFixed(3)} → ${pt.cleanLoss.toFixed(3)}` +
            (r.permutation ? `; max |Δlogit| of π(θ) ${r.permutation.maxLogitDiff.toExponential(1)}` : '') +
            ` (${r.timings.steps} steps, ${r.timings.msPerStep.toFixed(1)} ms/step)`,
        );
      }
    },
  });
  const { trace, output } = await run.catch((err: unknown) => {
    disposeParams(input.params);
    if ((err instanceof DivergenceError || err instanceof NonFiniteResultError) && err.partial && args.out) {
      writeFileSync(args.out, JSON.stringify({ error: err.message, ...err.partial }));
      console.error(`[tsc] kept what the run measured before it stopped in ${args.out}`);
    }
    throw err;
  });
  disposeParams(output);
  disposeParams(input.params);
  console.error(
    `[tsc] before ACC ${(100 * trace.before.acc).toFixed(2)}% ASR ${(100 * trace.before.asr).toFixed(2)}% → after ACC ${(100 * trace.after.acc).toFixed(2)}% ASR ${(100 * trace.after.asr).toFixed(2)}% in ${trace.wallSeconds.toFixed(1)} s (tensors alive: ${tf.memory().numTensors})`,
  );
  if (args.out) writeFileSync(args.out, JSON.stringify(trace));
  const { model, settings, before, after, rounds, wallSeconds, trigger } = trace;
  // Correlation matrices (up to 256×256 per layer) stay in --out; stdout keeps everything else.
  const withoutMatrices = (key: string, value: unknown) => (key === 'correlation' ? undefined : value);
  process.stdout.write(JSON.stringify({ model, settings, trigger, before, after, rounds, wallSeconds }, withoutMatrices) + '\n');
}

void runCli('tsc', TSC_USAGE, main);
