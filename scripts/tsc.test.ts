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

  it('a model folder (--model-dir) runs a tiny TSC end to end, and the trace names the folder and its architecture', () => {
    const dir = 'test/fixtures/models/good/mlp-softmax-dropout';
    const r = tsc(
      ['--model-dir', dir, '--dataset', 'mnist', '--trigger', 'patch:test/fixtures/models/triggers/checker-3x3.png,x=24,y=24', '--target', '0'].concat([
        '--rounds',
        '1',
        '--curve-epochs',
        '1',
        '--eval-samples',
        '100',
        '--test-samples',
        '200',
        '--cores',
        '1',
      ]),
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toContainEqual(expect.stringMatching(/^\[tsc\] import: the softmax of layer 5 \(dense_2\) was dropped/));
    expect(r.stderr).toContainEqual(
      expect.stringMatching(/^\[tsc\] .*mlp-softmax-dropout \(seq:d16-d12-d10\): MLP 784-16-12-10, 12,894 params; clean ACC \S+% on /),
    );
    const out = JSON.parse(r.stdout) as { model: string; trigger: { spec: { kind: string }; target: number }; rounds: unknown[] };
    expect(out.model).toBe(`${dir} (seq:d16-d12-d10)`);
    expect(out.trigger.spec.kind).toBe('custom-patch');
    expect(out.rounds).toHaveLength(1);
  });

  it('a model folder the import rejects exits 2 with its message, and no usage', () => {
    const r = tsc(['--model-dir', 'test/fixtures/models/bad/residual', '--dataset', 'mnist', '--trigger', 'badnet', '--target', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr[0]).toMatch(/^\[tsc\] error: test\/fixtures\/models\/bad\/residual: model\.json: layer 4 \(add\) is an Add layer; supported: /);
    expect(r.stderr.join('\n')).not.toContain('Usage:');
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
