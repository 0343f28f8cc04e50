import * as v from 'valibot';
import type { BackendName } from '../protocol/messages';
import { isRecord, parseFields, type FieldSchemas, type Parsed } from './fields';
import {
  CurveTSchema,
  ModelIdSchema,
  PlaneSettingsSchema,
  PreferredBackendSchema,
  RunSettingsSchema,
  parsePlaneSettings,
  parseRunSettings,
  type PlaneSettingsFields,
  type RunSettingsFields,
} from './settings';

/**
 * What the store keeps in localStorage: the user's choices only (measurements are recomputed).
 * Bump PERSIST_VERSION when this shape changes, and add the step from the previous version to MIGRATIONS.
 */
export const PERSIST_VERSION = 1;

export interface PersistedState {
  selectedModelId: string;
  preferredBackend: BackendName | 'auto';
  settings: RunSettingsFields;
  viewT: number;
  planeSettings: PlaneSettingsFields;
}

/** The scalar fields; the two settings objects are checked field by field on their own. */
const SCALAR_FIELDS: FieldSchemas<Pick<PersistedState, 'selectedModelId' | 'preferredBackend' | 'viewT'>> = {
  selectedModelId: ModelIdSchema,
  preferredBackend: PreferredBackendSchema,
  viewT: CurveTSchema,
};

/** The whole persisted state at once (e.g. to check what partialize writes). */
export const PersistedStateSchema = v.object({ ...SCALAR_FIELDS, settings: RunSettingsSchema, planeSettings: PlaneSettingsSchema });

/** Step k turns version k's state into version k + 1's; merge validates whatever comes out. */
const MIGRATIONS: Record<number, (state: unknown) => unknown> = {
  // version 0 (before versioning) had the same fields, stored unchecked
  0: (state) => state,
};

export function migratePersisted(state: unknown, fromVersion: number): unknown {
  let migrated = state;
  for (let k = fromVersion; k < PERSIST_VERSION; k++) migrated = MIGRATIONS[k]?.(migrated) ?? migrated;
  return migrated;
}

/**
 * Stored state rebuilt over `fallback`: good fields kept, bad ones reset and named. `undefined`
 * (nothing stored) is a first visit; anything else that is not an object is named WHOLE_INPUT.
 */
export function parsePersisted(input: unknown, fallback: PersistedState): Parsed<PersistedState> {
  const scalars = parseFields(SCALAR_FIELDS, input, fallback);
  if (!isRecord(input)) return { value: fallback, dropped: scalars.dropped };
  const settings = parseRunSettings(input.settings, fallback.settings);
  const planeSettings = parsePlaneSettings(input.planeSettings, fallback.planeSettings);
  return {
    value: { ...scalars.value, settings: settings.value, planeSettings: planeSettings.value },
    dropped: [...scalars.dropped, ...settings.dropped, ...planeSettings.dropped],
  };
}
