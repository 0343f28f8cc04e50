import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The CLI end to end: exit codes and what it prints (the parsing itself is in scripts/lib/tsc-args.test.ts).
const tsc = (args: string[]) => {
  const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['scripts/tsc.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((line) => !line.startsWith('XNN status')) };
};

describe('npm run tsc', () => {
  it('a bad flag exits 2 with one line of error and the usage, before any compute', () => {
    const r = tsc(['--model', 'mnist-mlp-badnet', '--curve-batch', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr[0]).toBe('[tsc] error: --curve-batch must be an integer from 1 to 10000, got 0');
    expect(r.stderr[2]).toBe('Usage: npm run tsc -- [options]');
    expect(r.stdout).toBe('');
  });

  it('a diverging run exits 1 with the DivergenceError message and prints no result', () => {
    const r = tsc(['--curve-lr', '10', '--rounds', '1', '--curve-epochs', '1', '--eval-samples', '50']);
    expect(r.status).toBe(1);
    expect(r.stderr.at(-2)).toMatch(
      /^\[tsc\] error: Round 1, stage 2 \(fitting curve\): curve lr 10 diverged at epoch 1, step \d+ \(loss \S+ > 100\); try curve lr ≤ 0\.2\.$/,
    );
    expect(r.stdout).toBe('');
  });
});
