import { describe, expect, it } from 'vitest';
import type { EngineRun } from './engine-bench';
import { engineTable, usedCell } from './engine-table';

const row = (model: string, measure: 'curve-step' | 'curve-eval-21' | 'permute-layers', ms: number, repeats = 1, images?: number) => ({
  model,
  measure,
  ms,
  repeats,
  images,
  detail: '',
});

describe('engineTable', () => {
  it('puts each figure under its model and measure, and says why one is missing', () => {
    const runs: EngineRun[] = [
      {
        label: 'wasm-1',
        started: { kind: 'started', backend: 'wasm', detail: '1 thread', threads: 1 },
        rows: [
          row('mlp', 'curve-step', 3.14159, 3),
          row('mlp', 'curve-eval-21', 1234, 3, 1903),
          row('mlp', 'permute-layers', 40),
          row('cnn', 'curve-step', 61.25),
        ],
        numTensors: 0,
        ms: 1,
      },
      {
        label: 'webgl',
        started: { kind: 'started', backend: 'webgl', detail: '' },
        rows: [row('mlp', 'curve-step', 9)],
        stopped: 'over its 60 s limit',
        ms: 1,
      },
    ];
    expect(engineTable(runs, ['mlp', 'cnn']).split('\n')).toEqual([
      '| backend asked | backend used | mlp curve step | cnn curve step | mlp PERMUTELAYERS | cnn PERMUTELAYERS | mlp 21-point curve eval | cnn 21-point curve eval |',
      '|---|---|---|---|---|---|---|---|',
      '| wasm-1 | wasm, 1 thread | 3.1 ms (median of 3) | 61.3 ms | 40.0 ms | skipped | 1.23 s (1903 imgs, median of 3) | skipped |',
      '| webgl | webgl | 9.0 ms | stopped | stopped | stopped | stopped | stopped |',
    ]);
  });

  it('claims no figure for a marginal step that came out negative (the noise swamped it)', () => {
    const cpu: EngineRun = { label: 'cpu', started: { kind: 'started', backend: 'cpu', detail: '' }, rows: [row('cnn', 'curve-step', -145.8, 3)], ms: 1 };
    expect(engineTable([cpu], ['cnn']).split('\n')[2]).toBe('| cpu | cpu | lost in noise (T(k) − T(1) = -145.8 ms) (median of 3) | skipped | skipped |');
  });

  it('names the adapter of a WebGPU backend and the error of one that never started', () => {
    const gpu: EngineRun = { label: 'webgpu', started: { kind: 'started', backend: 'webgpu', detail: 'google swiftshader' }, rows: [], ms: 1 };
    expect(usedCell(gpu)).toBe('webgpu: google swiftshader');
    expect(usedCell({ label: 'webgpu', rows: [], stopped: 'webgpu did not start: no adapter', ms: 1 })).toBe('did not start: webgpu did not start: no adapter');
  });
});
