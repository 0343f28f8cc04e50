import { useAppStore } from '../store/store';
import { BACKEND_TITLES, backendDetail, choiceLabel, memoryLabel } from './backend-label';

/** Which tfjs backend the compute worker runs on, how it was chosen (probe times), and why it fell back if it did. */
export function BackendChip() {
  const backend = useAppStore((s) => s.backend);
  const error = useAppStore((s) => s.backendError);
  // the worker's tfjs memory after the last run: it should come back to the same figures run after run
  const memory = useAppStore((s) => s.workerMemory);
  if (error) {
    return (
      <div className="chip chip-error" data-testid="backend-status" role="alert">
        Backend error: {error}
      </div>
    );
  }
  if (!backend)
    return (
      <div className="chip" data-testid="backend-status">
        Starting TensorFlow.js…
      </div>
    );
  const fellBack = backend.fallbackReasons.length > 0;
  const detail = backendDetail(backend);
  const choice = choiceLabel(backend);
  return (
    <div
      className={`chip ${fellBack ? 'chip-warn' : 'chip-ok'}`}
      data-testid="backend-status"
      data-backend={backend.name}
      data-choice={backend.choice}
      data-isolated={backend.crossOriginIsolated}
      data-threads={backend.wasmThreads}
      data-tensors={memory?.numTensors}
      data-bytes={memory?.numBytes}
      title={[choice, ...backend.fallbackReasons, memory && memoryLabel(memory)].filter(Boolean).join('\n')}
    >
      <strong>tfjs backend: {BACKEND_TITLES[backend.name]}</strong>
      {detail && <span className="chip-detail"> · {detail}</span>}
      {fellBack && <span className="chip-detail"> · fell back: {backend.fallbackReasons.join('; ')}</span>}
      {choice && <span className="chip-detail chip-line"> {choice}</span>}
    </div>
  );
}
