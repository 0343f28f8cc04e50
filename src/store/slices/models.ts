import type { ModelEntry, ZooManifest } from '../../engine/zoo';
import { DEFAULT_MODEL_ID, isUserModel, USER_MODEL_PREFIX } from '../../engine/zoo';
import type { BackendStatus, EvaluationResult } from '../../protocol/messages';
import type { SliceCreator } from '../app-state';

/** The model zoo, the selected model, the compute backend, and the evaluation of the selected model. */
export interface ModelsSlice {
  /** the zoo's models, then the user's (src/store/slices/user-models.ts keeps those in step with IndexedDB) */
  models: ModelEntry[];
  selectedModelId: string;
  backend: BackendStatus | null;
  backendError: string | null;
  evaluation: EvaluationResult | null;
  /** request id of the evaluation in flight (null when idle) */
  pendingRequest: number | null;
  progress: { phase: string; done: number; total: number } | null;
  error: string | null;

  setManifest: (manifest: ZooManifest) => void;
  selectModel: (id: string) => void;
  setBackend: (status: BackendStatus) => void;
  setBackendError: (message: string) => void;
  setEvalFallback: (message: string) => void;
  startEvaluation: (requestId: number) => void;
  setProgress: (requestId: number, phase: string, done: number, total: number) => void;
  finishEvaluation: (result: EvaluationResult) => void;
  fail: (message: string, requestId?: number) => void;
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set, get) => ({
  models: [],
  selectedModelId: DEFAULT_MODEL_ID,
  backend: null,
  backendError: null,
  evaluation: null,
  pendingRequest: null,
  progress: null,
  error: null,

  setManifest: (manifest) => {
    const users = get().models.filter(isUserModel);
    const id = get().selectedModelId;
    // a user model's id stays selected: the user models are read from IndexedDB after the manifest (loadUserModels checks it then)
    const known = manifest.models.some((m) => m.id === id) || users.some((m) => m.id === id) || id.startsWith(USER_MODEL_PREFIX);
    set({ models: [...manifest.models, ...users], selectedModelId: known ? id : (manifest.models[0]?.id ?? DEFAULT_MODEL_ID) });
  },
  selectModel: (id) => set({ selectedModelId: id, error: null }),
  setBackend: (status) => set({ backend: status, backendError: null }),
  setBackendError: (message) => set({ backendError: message }),
  setEvalFallback: (message) => {
    const backend = get().backend;
    if (backend) set({ backend: { ...backend, evalFallback: message } });
  },
  startEvaluation: (requestId) => set({ pendingRequest: requestId, progress: { phase: 'queued', done: 0, total: 3 }, error: null }),
  setProgress: (requestId, phase, done, total) => {
    if (get().pendingRequest === requestId) set({ progress: { phase, done, total } });
  },
  finishEvaluation: (result) => {
    // A late answer for a model the user already left is dropped.
    if (get().pendingRequest !== result.requestId) return;
    set({ evaluation: result, pendingRequest: null, progress: null });
  },
  fail: (message, requestId) => {
    if (requestId !== undefined && get().pendingRequest !== requestId) return;
    set({ error: message, pendingRequest: null, progress: null });
  },
});
