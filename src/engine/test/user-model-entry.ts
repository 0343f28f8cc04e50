import type { UserModelEntry } from '../zoo';

/** A small valid imported model's entry for tests of every layer (the store's record wraps it: src/store/test/user-model-record.ts). */
export function userModelEntry(id = 'user-a', overrides: Partial<UserModelEntry> = {}): UserModelEntry {
  return {
    origin: 'imported',
    id,
    name: `model ${id}`,
    arch: 'seq:d64-d32-d10',
    dataset: 'mnist',
    trigger: { kind: 'badnet', patchSize: 3, value: 1 },
    target: 0,
    cleanAccuracy: 0.97,
    attackSuccessRate: 0.99,
    evaluatedOn: { clean: 10000, poisoned: 9020, backend: 'wasm' },
    createdAt: '2026-11-30T07:00:00.000Z',
    ...overrides,
  };
}
