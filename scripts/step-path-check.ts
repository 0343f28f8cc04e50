/**
 * Whether two step paths (src/engine/step/step-path.ts) give the CLI the same results: one short
 * TSC run per model on each path, then the largest difference of the purified weights and of every
 * number in the trace (timings left out), and whether they are bit-identical. The unit tests
 * (src/engine/step/step-path.test.ts) check single fits; this checks a whole run, permutations and
 * fine-tuning included, on the zoo's models.
 * Usage: npx tsx scripts/step-path-check.ts [--models mnist-mlp-badnet,mnist-cnn-badnet] [--paths reference,fused-per-tensor] [--rounds 2] [--curve-epochs 3] [--backend wasm|cpu]
 */
import { disposeParams, paramsToArrays } from '../src/engine/model/params';
import { runDefense } from '../src/engine/run-defense';
import { withStepPath, type StepPath } from '../src/engine/step/step-path';
import type { Trace } from '../src/engine/trace';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput } from '../src/engine/node/zoo';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

/** Every number of the trace in a fixed order, except timings (wall clock, not results). */
function traceNumbers(trace: Trace): number[] {
  const out: number[] = [];
  const walk = (value: unknown, key: string): void => {
    if (key === 'timings' || key === 'wallSeconds') return;
    if (typeof value === 'number') out.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, ''));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, k));
  };
  walk(trace, '');
  return out;
}

const largestDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  if (x.length !== y.length) return Infinity;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
};

async function main(): Promise<void> {
  const backend = await initNodeBackend(arg('--backend', 'wasm') as 'wasm' | 'cpu');
  const paths = arg('--paths', 'reference,fused-per-tensor').split(',') as StepPath[];
  const settings = { rounds: Number(arg('--rounds', '2')), curveEpochs: Number(arg('--curve-epochs', '3')) };
  console.log(
    `step paths ${paths.join(' vs ')} on ${backend}, TSC with ${settings.rounds} rounds × ${settings.curveEpochs} curve epochs, other settings default`,
  );
  let allSame = true;
  for (const model of arg('--models', 'mnist-mlp-badnet,mnist-cnn-badnet').split(',')) {
    const runs = [];
    for (const path of paths) {
      const input = await defenseInput(model);
      const { trace, output } = await withStepPath(path, () => runDefense(input, settings));
      runs.push({ numbers: traceNumbers(trace), weights: Object.values(await paramsToArrays(output)), after: trace.after });
      disposeParams(output);
      disposeParams(input.params);
    }
    const [a, b] = runs;
    const weightDiff = Math.max(...a.weights.map((w, i) => largestDiff(w, b.weights[i])));
    const traceDiff = largestDiff(a.numbers, b.numbers);
    const same = weightDiff === 0 && traceDiff === 0;
    allSame &&= same;
    console.log(
      `  ${model}: weights max |Δ| ${weightDiff}, trace max |Δ| ${traceDiff} over ${a.numbers.length} numbers → ${same ? 'bit-identical' : 'DIFFERENT'} (after: ACC ${a.after.acc} / ${b.after.acc}, ASR ${a.after.asr} / ${b.after.asr})`,
    );
  }
  process.exit(allSame ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
