/**
 * Whether two step paths (src/engine/step/step-path.ts) give the CLI the same results: one short
 * TSC run per model on each path, then the largest difference of the purified weights and of every
 * number in the trace (timings left out), and whether they are bit-identical. The unit tests
 * (src/engine/step/step-path.test.ts) check single fits; this checks a whole run, permutations and
 * fine-tuning included, on the zoo's models. It also prints each path's seconds (whole run, and the
 * stages' curve fitting), runs interleaved in this one process: with --repeats n the pair runs n
 * times, the order alternating (A B, B A, …), and the medians and their ratio are printed.
 * Usage: npx tsx scripts/step-path-check.ts [--models mnist-mlp-badnet,mnist-cnn-badnet] [--paths reference,fused-per-tensor] [--rounds 2] [--curve-epochs 3] [--repeats 1] [--backend wasm|cpu]
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

interface Run {
  numbers: number[];
  weights: Float32Array[];
  after: Trace['after'];
  wallS: number;
  fitS: number;
}

async function runOn(model: string, path: StepPath, settings: { rounds: number; curveEpochs: number }): Promise<Run> {
  const input = await defenseInput(model);
  const t0 = performance.now();
  const { trace, output } = await withStepPath(path, () => runDefense(input, settings));
  const wallS = (performance.now() - t0) / 1000;
  const fitS = trace.rounds.flatMap((r) => r.stages).reduce((sum, stage) => sum + stage.timings.fitMs, 0) / 1000;
  const run = { numbers: traceNumbers(trace), weights: Object.values(await paramsToArrays(output)), after: trace.after, wallS, fitS };
  disposeParams(output);
  disposeParams(input.params);
  return run;
}

async function main(): Promise<void> {
  const backend = await initNodeBackend(arg('--backend', 'wasm') as 'wasm' | 'cpu');
  const paths = arg('--paths', 'reference,fused-per-tensor').split(',') as StepPath[];
  const settings = { rounds: Number(arg('--rounds', '2')), curveEpochs: Number(arg('--curve-epochs', '3')) };
  console.log(
    `step paths ${paths.join(' vs ')} on ${backend}, TSC with ${settings.rounds} rounds × ${settings.curveEpochs} curve epochs, other settings default`,
  );
  const repeats = Number(arg('--repeats', '1'));
  let allSame = true;
  for (const model of arg('--models', 'mnist-mlp-badnet,mnist-cnn-badnet').split(',')) {
    const runs = new Map<StepPath, Run[]>(paths.map((p) => [p, []]));
    for (let r = 0; r < repeats; r++) {
      for (const path of r % 2 === 0 ? paths : [...paths].reverse()) runs.get(path)?.push(await runOn(model, path, settings));
    }
    const [a, b] = paths.map((p) => runs.get(p) ?? []);
    const weightDiff = Math.max(...a[0].weights.map((w, i) => largestDiff(w, b[0].weights[i])));
    const traceDiff = largestDiff(a[0].numbers, b[0].numbers);
    const same = weightDiff === 0 && traceDiff === 0;
    allSame &&= same;
    console.log(
      `  ${model}: weights max |Δ| ${weightDiff}, trace max |Δ| ${traceDiff} over ${a[0].numbers.length} numbers → ${same ? 'bit-identical' : 'DIFFERENT'} (after: ACC ${a[0].after.acc} / ${b[0].after.acc}, ASR ${a[0].after.asr} / ${b[0].after.asr})`,
    );
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const [wallA, wallB] = [a, b].map((rs) => med(rs.map((x) => x.wallS)));
    const [fitA, fitB] = [a, b].map((rs) => med(rs.map((x) => x.fitS)));
    console.log(
      `    seconds (median of ${repeats}, interleaved): whole run ${wallA.toFixed(1)} vs ${wallB.toFixed(1)} (${(wallB / wallA).toFixed(3)}×), curve fitting ${fitA.toFixed(1)} vs ${fitB.toFixed(1)} (${(fitB / fitA).toFixed(3)}×)`,
    );
  }
  process.exit(allSame ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
