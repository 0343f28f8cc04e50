import { describe, expect, it } from 'vitest';
import { recoveryText } from './recovery-text';

describe('recoveryText', () => {
  const lost = { kind: 'backend-lost' as const, message: 'destroyed: device was destroyed', lost: 'webgpu' as const, runId: 2 };

  it('says what was lost, what stays on screen and what computes now', () => {
    expect(recoveryText(lost, 'WebGL', 1)).toBe(
      'The WebGPU device was lost (destroyed: device was destroyed). The run stopped; the stage that finished stays on screen. Computing goes on with WebGL.',
    );
    expect(recoveryText(lost, null, 3)).toMatch(/the 3 stages that finished stay on screen\. Starting the next backend…$/);
    expect(recoveryText(lost, 'WASM', 0)).toMatch(/The run stopped before a stage finished\. Computing goes on with WASM\.$/);
  });

  it('without a run, only what happened and what computes now', () => {
    expect(recoveryText({ kind: 'worker-restarted', message: 'The compute worker crashed; a new one was started.', lost: null, runId: null }, 'WASM', 4)).toBe(
      'The compute worker crashed; a new one was started. Computing goes on with WASM.',
    );
  });
});
