/**
 * Trap and Replace (Wang et al., NeurIPS 2022) on a zoo model: a training-time defense, so it
 * retrains from the model's poisoned training set (rebuilt from its zoo recipe), not from the model.
 * Progress on stderr, the summary as JSON on stdout. Flags: scripts/lib/trap-replace-args.ts
 * (npm run trap-replace -- --help). Exit codes: 0 done, 1 failed or diverged, 2 a bad command line.
 */
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../src/engine/node/tf-backend';
import { trapReplaceDefaults } from '../src/engine/defenses/trap-replace';
import { readManifest, zooEntry } from '../src/engine/node/zoo';
import { runCli } from './lib/cli';
import { parseTrapReplaceArgs, TRAP_REPLACE_USAGE } from './lib/trap-replace-args';
import { runTrapReplaceOnZoo } from './lib/trap-replace-run';

async function main(): Promise<void> {
  const args = parseTrapReplaceArgs(
    process.argv.slice(2),
    readManifest().models.map((m) => m.id),
  );
  if (args.help) return void console.log(TRAP_REPLACE_USAGE);
  const backend = await initNodeBackend();
  const t0 = performance.now();
  const settings = { ...trapReplaceDefaults(zooEntry(args.model).dataset), ...args.overrides };
  const summary = await runTrapReplaceOnZoo(args.model, settings, backend, (line) => console.error(`[trap-replace] ${line}`));
  const json = JSON.stringify(summary, null, 1) + '\n';
  if (args.out) writeFileSync(args.out, json);
  process.stdout.write(json);
  console.error(`[trap-replace] wall time ${((performance.now() - t0) / 1000).toFixed(0)} s; tensors alive ${tf.memory().numTensors}`);
}

void runCli('trap-replace', TRAP_REPLACE_USAGE, main);
