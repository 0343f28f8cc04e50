import type { UserModelEntry } from '../../engine/zoo';
import { USER_MODEL_VERSION, type UserModelRecord } from '../../schema/user-model';

/** A small valid record for the user-model store's and slice's tests (the files are placeholders: the store does not decode them). */
export function userModelRecord(id = 'user-a', overrides: Partial<UserModelEntry> = {}): UserModelRecord {
  return {
    version: USER_MODEL_VERSION,
    entry: {
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
    },
    modelJson: '{"format":"layers-model"}',
    weights: new Uint8Array([0, 0, 128, 63, 0, 0, 0, 64]),
  };
}
