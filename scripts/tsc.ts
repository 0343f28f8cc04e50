/**
 * Runs TSC (or a baseline) on a zoo model in Node and prints one JSON object on stdout;
 * progress goes to stderr.
 * Usage: npm run tsc -- --model <id> [--rounds N] [--t 0.4] [--curve-epochs N] [--seed S]
 *        [--defense tsc|mcr|ft|line|none] [--backend wasm|cpu] [--out trace.json]
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../src/engine/model/params';
import { runDefense } from '../src/engine/run-defense';
import type { DefenseKind, TscSettings } from '../src/engine/settings';
import { DEFAULT_MODEL_ID } from '../src/engine/zoo';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput } from '../src/engine/node/zoo';

function parseArgs(argv: string[]): { model: string; out?: string; backend: 'wasm' | 'cpu'; settings: Partial<TscSettings> } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (flag: string) => {
    const v = get(flag);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`${flag} expects a number, got "${v}"`);
    return n;
  };
  const settings: Partial<TscSettings> = {};
  const defense = get('--defense');
  if (defense !== undefined) {
    if (!['tsc', 'mcr', 'ft', 'line', 'none'].includes(defense)) throw new Error(`--defense must be tsc|mcr|ft|line|none, got "${defense}"`);
    settings.defense = defense as DefenseKind;
  }
  const map: [string, keyof TscSettings][] = [
    ['--rounds', 'rounds'],
    ['--t', 't'],
    ['--curve-epochs', 'curveEpochs'],
    ['--seed', 'seed'],
    ['--curve-lr', 'curveLr'],
    ['--clean-fraction', 'cleanFraction'],
    ['--eval-samples', 'evalSamples'],
    ['--mcr-epochs', 'mcrEndpointEpochs'],
    ['--curve-batch', 'curveBatchSize'],
  ];
  for (const [flag, key] of map) {
    const v = num(flag);
    if (v !== undefined) (settings as Record<string, number>)[key] = v;
  }
  if (argv.includes('--no-finetune')) settings.interRoundFinetune = false;
  const perm = get('--permutation');
  if (perm) settings.permutationMethod = perm === 'weight' ? 'weight' : 'activation';
  const backend = get('--backend') === 'cpu' ? 'cpu' : 'wasm';
  return { model: get('--model') ?? DEFAULT_MODEL_ID, out: get('--out'), backend, settings };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const backend = await initNodeBackend(args.backend);
  const input = await defenseInput(args.model);
  console.error(`[tsc] ${args.model} on ${backend}`);
  let lastLine = 0;
  const { trace, output } = await runDefense(input, args.settings, {
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
  disposeParams(output);
  disposeParams(input.params);
  console.error(
    `[tsc] before ACC ${(100 * trace.before.acc).toFixed(2)}% ASR ${(100 * trace.before.asr).toFixed(2)}% → after ACC ${(100 * trace.after.acc).toFixed(2)}% ASR ${(100 * trace.after.asr).toFixed(2)}% in ${trace.wallSeconds.toFixed(1)} s (tensors alive: ${tf.memory().numTensors})`,
  );
  if (args.out) writeFileSync(args.out, JSON.stringify(trace));
  const { model, settings, before, after, rounds, wallSeconds } = trace;
  // Correlation matrices (up to 256×256 per layer) stay in --out; stdout keeps everything else.
  const withoutMatrices = (key: string, value: unknown) => (key === 'correlation' ? undefined : value);
  process.stdout.write(JSON.stringify({ model, settings, before, after, rounds, wallSeconds }, withoutMatrices) + '\n');
}

main().catch((err) => {
  console.error(`[tsc] error: ${(err as Error).message}`);
  process.exit(1);
});
