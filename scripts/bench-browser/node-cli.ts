import { spawn } from 'node:child_process';
import type { RunSettingsFields } from '../../src/schema/settings';

/** The CLI flags (scripts/tsc.ts) that ask for the same run as these page settings. */
export function cliFlags(s: RunSettingsFields): string[] {
  const flags = [
    ['--defense', s.defense],
    ['--rounds', s.rounds],
    ['--t', s.t],
    ['--curve-epochs', s.curveEpochs],
    ['--curve-lr', s.curveLr],
    ['--clean-fraction', s.cleanFraction],
    ['--seed', s.seed],
    ['--eval-samples', s.evalSamples],
    ['--permutation', s.permutationMethod],
  ].flatMap(([flag, value]) => [String(flag), String(value)]);
  if (s.testSamples > 0) flags.push('--test-samples', String(s.testSamples));
  if (!s.interRoundFinetune) flags.push('--no-finetune');
  return flags;
}

/** "wasm, 2 cores (curve, line and test-set evaluations on 2 threads)": how the CLI ran, from the line scripts/tsc.ts starts with. */
export function cliSetup(stderrLines: string[]): string {
  const line = stderrLines.find((l) => /^\[tsc\] \S+ on /.test(l));
  return line ? line.replace(/^\[tsc\] \S+ on /, '') : 'setup not reported';
}

/**
 * Wall time of the Node CLI for the same run, from process start to exit (data and model loading
 * included, as in the page). No --cores: the CLI's default (2 on a machine with 2 cores or more), which `setup` reports.
 */
export function timeCli(model: string, settings: RunSettingsFields): Promise<{ ms: number; lastLine: string; setup: string }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn('npx', ['tsx', 'scripts/tsc.ts', '--model', model, '--backend', 'wasm', ...cliFlags(settings)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = err.trim().split('\n');
      if (code !== 0) reject(new Error(`scripts/tsc.ts exited ${code}: ${lines.slice(-3).join(' | ')}`));
      else resolve({ ms: Date.now() - t0, lastLine: lines[lines.length - 1] ?? '', setup: cliSetup(lines) });
    });
  });
}
