import type { ComputeSink } from '../protocol/messages';
import { saveLastRun } from './run-archive';
import { useAppStore } from './store';

/** The store's side of the compute client: every worker answer becomes a store action. */
export const storeSink: ComputeSink = {
  setBackend: (status) => useAppStore.getState().setBackend(status),
  setBackendError: (message) => useAppStore.getState().setBackendError(message),
  setEvalFallback: (message) => useAppStore.getState().setEvalFallback(message),
  startEvaluation: (requestId) => useAppStore.getState().startEvaluation(requestId),
  setProgress: (requestId, phase, done, total) => useAppStore.getState().setProgress(requestId, phase, done, total),
  finishEvaluation: (result) => useAppStore.getState().finishEvaluation(result),
  fail: (message, requestId) => useAppStore.getState().fail(message, requestId),
  startRun: (runId, modelId) => useAppStore.getState().startRun(runId, modelId),
  applyRunEvent: (runId, event) => useAppStore.getState().applyRunEvent(runId, event),
  finishRun: (runId, trace) => {
    // Only the run on screen is kept for the next visit.
    if (useAppStore.getState().runId === runId) void saveLastRun({ savedAt: Date.now(), modelId: trace.model, trace }, useAppStore.getState().addNotice);
    if (useAppStore.getState().runId === runId) void useAppStore.getState().addToHistory(trace, Date.now());
    useAppStore.getState().finishRun(runId, trace);
  },
  failRun: (runId, message, cancelled) => useAppStore.getState().failRun(runId, message, cancelled),
  setRunPaused: (runId, paused) => useAppStore.getState().setRunPaused(runId, paused),
  setPreview: (result) => useAppStore.getState().setPreview(result),
  failPreview: (failure) => useAppStore.getState().failPreview(failure),
  startPlane: (requestId, round, stage) => useAppStore.getState().startPlane(requestId, round, stage),
  setPlane: (result) => useAppStore.getState().setPlane(result),
  failPlane: (requestId, message, cancelled) => useAppStore.getState().failPlane(requestId, message, cancelled),
  setWorkerMemory: (memory) => useAppStore.getState().setWorkerMemory(memory),
  backendLost: (loss) => useAppStore.getState().backendLost(loss),
  workerRestarted: (message, runId) => useAppStore.getState().workerRestarted(message, runId),
  startTrapReplace: (requestId, modelId) => useAppStore.getState().startTrapReplace(requestId, modelId),
  setTrapReplaceProgress: (requestId, progress) => useAppStore.getState().setTrapReplaceProgress(requestId, progress),
  finishTrapReplace: (result) => useAppStore.getState().finishTrapReplace(result),
  failTrapReplace: (requestId, message, cancelled) => useAppStore.getState().failTrapReplace(requestId, message, cancelled),
};
