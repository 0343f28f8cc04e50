import type { BackendName } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';
import { PLANE_DEFAULTS, LIVE_DEMO } from '../../schema/presets';
import type { PlaneSettings } from '../plane-slice';
import type { RunSettings } from '../run-slice';

/** The user's choices: what the next run, the backend and the loss plane will use (all persisted). */
export interface SettingsSlice {
  settings: RunSettings;
  preferredBackend: BackendName | 'auto';
  planeSettings: PlaneSettings;

  updateSettings: (patch: Partial<RunSettings>) => void;
  updatePlaneSettings: (patch: Partial<PlaneSettings>) => void;
  /** the backend the worker was asked for at start-up (a link's `backend=`, else auto) */
  setPreferredBackend: (backend: BackendName | 'auto') => void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  settings: LIVE_DEMO,
  preferredBackend: 'auto',
  planeSettings: PLANE_DEFAULTS,

  updateSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
  updatePlaneSettings: (patch) => set({ planeSettings: { ...get().planeSettings, ...patch } }),
  setPreferredBackend: (backend) => set({ preferredBackend: backend }),
});
