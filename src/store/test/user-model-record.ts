import type { UserModelEntry } from '../../engine/zoo';
import { userModelEntry } from '../../engine/test/user-model-entry';
import { USER_MODEL_VERSION, type UserModelRecord } from '../../schema/user-model';

/** A small valid record for the user-model store's and slice's tests (the files are placeholders: the store does not decode them). */
export function userModelRecord(id = 'user-a', overrides: Partial<UserModelEntry> = {}): UserModelRecord {
  return {
    version: USER_MODEL_VERSION,
    entry: userModelEntry(id, overrides),
    modelJson: '{"format":"layers-model"}',
    weights: new Uint8Array([0, 0, 128, 63, 0, 0, 0, 64]),
  };
}
