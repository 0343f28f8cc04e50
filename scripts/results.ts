/**
 * Results table: no defense, TSC, MCR, FT and Trap and Replace side by side on the BadNet and Blended zoo models.
 * Every run's summary is kept in results/<model>.<defense>.json so long sweeps can resume;
 * the table is printed from those files (only measured runs appear).
 * A run whose summary file exists with the same settings is skipped unless --force is given.
 * Usage: npm run results [-- --models id,id] [--defenses tsc,mcr,ft,none,trap-replace] [--curve-epochs N] [--force] [--table]
 * Trap and Replace retrains from the model's poisoned training set with trapReplaceDefaults
 * (scripts/lib/trap-replace-run.ts); npm run trap-replace runs it with other settings.
 * Flags and their ranges: scripts/lib/results-args.ts (npm run results -- --help); a bad one exits 2.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CurvePointRecord } from '../src/engine/evaluate';
import { disposeParams } from '../src/engine/model/params';
import { runDefense } from '../src/engine/run-defense';
import { withDefaults, type TscSettings } from '../src/engine/settings';
import type { Trace } from '../src/engine/trace';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput, readManifest, zooEntry } from '../src/engine/node/zoo';
import { trapReplaceDefaults } from '../src/engine/defenses/trap-replace';
import { runCli } from './lib/cli';
import { runTrapReplaceOnZoo, type TrapReplaceSummary } from './lib/trap-replace-run';
import { parseResultsArgs, RESULTS_USAGE } from './lib/results-args';

const DIR = join(process.cwd(), 'results');

type DefenseSummary = Pick<Trace, 'model' | 'defense' | 'settings' | 'before' | 'after' | 'wallSeconds' | 'backend' | 'cleanSubsetSize' | 'testSet'> & {
  stage1Amplification: number | null;
};
type Summary = DefenseSummary | TrapReplaceSummary;

/** The curve point whose t is nearest to `t` (the curve has at least one point). */
function nearestPoint(curve: CurvePointRecord[], t: number): CurvePointRecord {
  return curve.reduce((b, p) => (Math.abs(p.t - t) < Math.abs(b.t - t) ? p : b));
}

function summarise(trace: Trace): DefenseSummary {
  const s1 = trace.rounds[0]?.stages.find((s) => s.kind === 'unalign-connect');
  const amp = s1 ? nearestPoint(s1.curve, trace.settings.t).poisonedLoss / nearestPoint(s1.curve, 0).poisonedLoss : null;
  const { model, defense, settings, before, after, wallSeconds, backend, cleanSubsetSize, testSet } = trace;
  return { model, defense, settings, before, after, wallSeconds, backend, cleanSubsetSize, testSet, stage1Amplification: amp };
}

function printTable(): void {
  if (!existsSync(DIR)) return console.log('no results yet');
  const rows = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Summary);
  const order: Summary['defense'][] = ['none', 'tsc', 'mcr', 'ft', 'line', 'trap-replace'];
  const models = readManifest()
    .models.map((m) => m.id)
    .filter((id) => rows.some((r) => r.model === id));
  const pct = (x: number) => (100 * x).toFixed(1);
  /** the SGD budget of a run, in epochs over D_c (FT gets as many as TSC's curves: rounds × 2 × curve epochs) */
  const budget = (r: Summary) => {
    if (r.defense === 'trap-replace') return `${r.settings.stage1Epochs} on poisoned set + ${r.settings.stage2Epochs} head`;
    const s = r.settings;
    if (r.defense === 'none') return '–';
    if (r.defense === 'ft') return `${s.rounds * 2 * s.curveEpochs} FT`;
    if (r.defense === 'mcr') return `${s.curveEpochs} curve + ${s.mcrEndpointEpochs} endpoint FT`;
    return `${s.rounds} × 2 × ${s.curveEpochs} curve`;
  };
  console.log('| model | defense | ACC before → after | ASR before → after | stage-1 poisoned-loss ×(t=0.4 / t=0) | epochs on D_c | D_c | wall |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const id of models) {
    for (const d of order) {
      const r = rows.find((x) => x.model === id && x.defense === d);
      if (!r) continue;
      const amp = r.stage1Amplification === null ? '–' : `${r.stage1Amplification.toFixed(1)}×`;
      // Trap and Replace's stage-1 model first: the backdoor is still there, trapped in the head it then replaces
      if (r.defense === 'trap-replace')
        console.log(
          `| ${id} | trap-replace, stage 1 only | ${pct(r.before.acc)} → ${pct(r.stage1.acc)} | ${pct(r.before.asr)} → ${pct(r.stage1.asr)} | – | ${r.settings.stage1Epochs} on poisoned set | – | – |`,
        );
      console.log(
        `| ${id} | ${d} | ${pct(r.before.acc)} → ${pct(r.after.acc)} | ${pct(r.before.asr)} → ${pct(r.after.asr)} | ${amp} | ${budget(r)} | ${r.cleanSubsetSize} | ${r.wallSeconds.toFixed(0)} s |`,
      );
    }
  }
  console.log(
    `\nACC on the full clean test split, ASR on every triggered non-target test image; backend ${rows[0]?.backend ?? '?'}; results/*.json hold the settings of each run.`,
  );
  console.log(
    'Trap and Replace retrains from the poisoned training set (zoo recipe): its "epochs" are stage 1 on that set (minus the holdout) + stage 2 on the head, its D_c the clean holdout.',
  );
}

async function main(): Promise<void> {
  const args = parseResultsArgs(
    process.argv.slice(2),
    readManifest().models.map((m) => m.id),
  );
  if (args.help) return void console.log(RESULTS_USAGE);
  if (!args.table) {
    const backend = await initNodeBackend();
    const models =
      args.models ??
      readManifest()
        .models.filter((m) => m.attack.kind === 'badnet' || m.attack.kind === 'blended')
        .map((m) => m.id);
    const overrides: Partial<TscSettings> = args.curveEpochs === undefined ? {} : { curveEpochs: args.curveEpochs };
    mkdirSync(DIR, { recursive: true });
    for (const id of models) {
      for (const defense of args.defenses) {
        const file = join(DIR, `${id}.${defense}.json`);
        const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : null;
        const settings = defense === 'trap-replace' ? trapReplaceDefaults(zooEntry(id).dataset) : withDefaults({ ...overrides, defense });
        // a kept run counts only if it ran with exactly these settings (else it is run again and replaced)
        if (kept && !args.force && JSON.stringify(kept.settings) === JSON.stringify(settings)) {
          console.error(`[results] ${id} · ${defense}: kept ${file} (same settings; --force re-runs it)`);
          continue;
        }
        console.error(`[results] ${id} · ${defense} on ${backend}…`);
        if (defense === 'trap-replace') {
          const summary = await runTrapReplaceOnZoo(id, trapReplaceDefaults(zooEntry(id).dataset), backend, (line) => console.error(`[results] ${line}`));
          writeFileSync(file, JSON.stringify(summary, null, 1) + '\n');
          console.error(
            `[results] ${id} · ${defense}: ACC ${(100 * summary.after.acc).toFixed(2)}% ASR ${(100 * summary.after.asr).toFixed(2)}% (${summary.wallSeconds.toFixed(0)} s)`,
          );
          continue;
        }
        const input = await defenseInput(id);
        const { trace, output } = await runDefense(input, { ...overrides, defense }).finally(() => disposeParams(input.params));
        disposeParams(output);
        writeFileSync(file, JSON.stringify(summarise(trace), null, 1) + '\n');
        console.error(
          `[results] ${id} · ${defense}: ACC ${(100 * trace.after.acc).toFixed(2)}% ASR ${(100 * trace.after.asr).toFixed(2)}% (${trace.wallSeconds.toFixed(0)} s)`,
        );
      }
    }
  }
  printTable();
}

void runCli('results', RESULTS_USAGE, main);
