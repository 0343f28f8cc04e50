/**
 * Precomputed traces shipped with the app (public/traces/): runs the engine in Node on the zoo's
 * BadNet and Blended models with TSC, MCR and FT and writes one TracePack per run, plus
 * public/traces/index.json. Never edit the output by hand; rerun this.
 *
 *   npm run traces [-- --models id,id] [--defenses tsc,mcr,ft] [--force] [--planes id,id] [--plane-samples N]
 *   npm run traces -- --verify <id>[.<defense>]     recompute a shipped trace and compare (≤ 1e-4)
 * Flags and their ranges: scripts/lib/traces-args.ts (npm run traces -- --help); a bad one exits 2.
 *
 * Curve budgets: the paper's 200 epochs, reduced where results/ records a reduced budget for the
 * same model and defense (those runs take too long on a 2-core CPU); the pack says so.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../src/engine/model/params';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { defenseInput, readManifest } from '../src/engine/node/zoo';
import type { DefenseKind, TscSettings } from '../src/engine/settings';
import { TSC_DEFAULTS } from '../src/engine/settings';
import { compareTracePacks } from '../src/engine/trace-pack/compare';
import { generateTracePack, type PlaneRequest } from '../src/engine/trace-pack/generate';
import { unpackTracePack, type TracePack } from '../src/engine/trace-pack/pack';
import { DEFAULT_MODEL_ID } from '../src/engine/zoo';
import { runCli } from './lib/cli';
import { parseTracesArgs, tracesUsage } from './lib/traces-args';

const OUT = join(process.cwd(), 'public', 'traces');
/** The page's loss-plane defaults (src/store/plane-slice.ts PLANE_DEFAULTS). */
const PLANE: PlaneRequest = { coarse: 11, finest: 21, margin: 0.25, equalAxes: true, samples: 500 };

const KNOWN_MODELS = readManifest().models.map((m) => m.id);
const DEFAULTS = { out: OUT, planes: DEFAULT_MODEL_ID, planeSamples: PLANE.samples };
const USAGE = tracesUsage(DEFAULTS);

const fileName = (model: string, defense: string) => `${model}.${defense}.json`;

/** The budget results/ used for this run (reduced for time on some models), else the paper's. */
function budgetFor(model: string, defense: DefenseKind): { settings: Partial<TscSettings>; reason: string | null } {
  const path = join(process.cwd(), 'results', `${model}.${defense}.json`);
  if (!existsSync(path)) return { settings: { defense }, reason: null };
  const s = (JSON.parse(readFileSync(path, 'utf8')) as { settings: TscSettings }).settings;
  const settings: Partial<TscSettings> = { defense, curveEpochs: s.curveEpochs, mcrEndpointEpochs: s.mcrEndpointEpochs };
  const reason =
    s.curveEpochs < TSC_DEFAULTS.curveEpochs
      ? `curve budget reduced from the paper's ${TSC_DEFAULTS.curveEpochs} to ${s.curveEpochs} epochs for time on a 2-core CPU (as in results/)`
      : null;
  return { settings, reason };
}

async function generate(
  model: string,
  defense: DefenseKind,
  settings: Partial<TscSettings>,
  reason: string | null,
  plane: PlaneRequest | null,
): Promise<TracePack> {
  const input = await defenseInput(model);
  try {
    return await generateTracePack(input, {
      settings,
      budgetReason: reason,
      plane,
      command: `npm run traces -- --models ${model} --defenses ${defense}`,
      node: process.version,
      log: (line) => console.error(`[traces] ${model} ${defense}: ${line}`),
    });
  } finally {
    disposeParams(input.params);
  }
}

function writeIndex(dir: string): void {
  const files = readManifest()
    .models.flatMap((m) => (['tsc', 'mcr', 'ft'] as const).map((d) => ({ model: m.id, defense: d, file: fileName(m.id, d) })))
    .filter((e) => existsSync(join(dir, e.file)))
    .map((e) => {
      const pack = JSON.parse(readFileSync(join(dir, e.file), 'utf8')) as TracePack;
      return {
        ...e,
        bytes: statSync(join(dir, e.file)).size,
        generatedAt: pack.generatedAt,
        curveEpochs: pack.budget.curveEpochs,
        reduced: pack.budget.reason !== null,
        planes: pack.planes.length > 0,
      };
    });
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ version: 1, traces: files }, null, 1) + '\n');
  const total = files.reduce((n, f) => n + f.bytes, 0);
  console.log(`[traces] ${files.length} traces, ${(total / 1e6).toFixed(2)} MB in ${dir}`);
  for (const f of files) console.log(`  ${f.file.padEnd(36)} ${(f.bytes / 1e3).toFixed(0).padStart(6)} kB${f.planes ? '  (with loss planes)' : ''}`);
}

async function verify(model: string, defense: DefenseKind, dir: string): Promise<boolean> {
  const path = join(dir, fileName(model, defense));
  if (!existsSync(path)) throw new Error(`No shipped trace ${path}; run npm run traces -- --models ${model} --defenses ${defense}`);
  const shipped = JSON.parse(readFileSync(path, 'utf8')) as TracePack;
  const t0 = performance.now();
  const first = shipped.planes[0];
  const plane = first ? { ...PLANE, finest: first.n, margin: first.margin, equalAxes: first.equalAxes, samples: first.cleanCount } : null;
  const again = await generate(model, defense, shipped.trace.settings, shipped.budget.reason, plane);
  const cmp = compareTracePacks(unpackTracePack(shipped), unpackTracePack(again));
  const ok = cmp.mismatches.length === 0 && cmp.maxAbsDiff <= 1e-4;
  console.log(
    `[traces] verify ${model}.${defense}: ${cmp.count} numbers compared, max |Δ| ${cmp.maxAbsDiff.toExponential(2)} at ${cmp.worstPath || '–'}; ` +
      `${cmp.mismatches.length} structural mismatches; recomputed in ${((performance.now() - t0) / 1000).toFixed(0)} s on ${shipped.generator.backend} → ${ok ? 'EQUAL (≤ 1e-4)' : 'DIFFERENT'}`,
  );
  cmp.mismatches.slice(0, 10).forEach((m) => console.log(`  ${m}`));
  return ok;
}

async function main(): Promise<void> {
  const args = parseTracesArgs(process.argv.slice(2), KNOWN_MODELS, DEFAULTS);
  if (args.help) return void console.log(USAGE);
  await initNodeBackend('wasm');
  const dir = args.out;
  mkdirSync(dir, { recursive: true });
  if (args.verify) {
    process.exitCode = (await verify(args.verify.model, args.verify.defense, dir)) ? 0 : 1;
    return;
  }
  const zoo = readManifest().models.filter((m) => m.attack.kind === 'badnet' || m.attack.kind === 'blended');
  const models = args.models ?? zoo.map((m) => m.id);
  const planes = new Set(args.planes);
  for (const model of models) {
    for (const defense of args.defenses) {
      const path = join(dir, fileName(model, defense));
      if (existsSync(path) && !args.force) {
        console.error(`[traces] ${fileName(model, defense)} exists (--force to recompute)`);
        continue;
      }
      const budget = budgetFor(model, defense);
      const settings = { ...budget.settings, ...args.overrides };
      // an override replaces the results/ budget, so its reason no longer applies
      const overridden = settings.curveEpochs !== budget.settings.curveEpochs;
      const reduced = settings.curveEpochs !== undefined && settings.curveEpochs < TSC_DEFAULTS.curveEpochs;
      // only the curve budget cut: a model without results/ runs at a sibling's reduced budget; more cut: a test fixture
      const onlyEpochs = Object.keys(args.overrides).every((k) => k === 'curveEpochs');
      const cut = onlyEpochs
        ? `curve budget reduced from the paper's ${TSC_DEFAULTS.curveEpochs} to ${settings.curveEpochs} epochs for time on a 2-core CPU (--curve-epochs ${settings.curveEpochs})`
        : `a small trace (${settings.curveEpochs} curve epochs) made for tests`;
      const reason = overridden ? (reduced ? cut : null) : budget.reason;
      const plane = planes.has(model) && defense !== 'ft' ? { ...PLANE, samples: args.planeSamples } : null;
      const pack = await generate(model, defense, settings, reason, plane);
      writeFileSync(path, JSON.stringify(pack));
      console.error(
        `[traces] wrote ${path} (${(statSync(path).size / 1e3).toFixed(0)} kB, run ${pack.trace.wallSeconds.toFixed(0)} s, tensors alive ${tf.memory().numTensors})`,
      );
    }
  }
  writeIndex(dir);
}

void runCli('traces', USAGE, main);
