import { useAppStore } from '../store/store';

const TITLES = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' } as const;

/** Which tfjs backend the compute worker runs on, and why it fell back if it did. */
export function BackendChip() {
  const backend = useAppStore((s) => s.backend);
  const error = useAppStore((s) => s.backendError);
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
  return (
    <div
      className={`chip ${fellBack ? 'chip-warn' : 'chip-ok'}`}
      data-testid="backend-status"
      data-backend={backend.name}
      title={backend.fallbackReasons.join('\n')}
    >
      <strong>tfjs backend: {TITLES[backend.name]}</strong>
      {backend.detail && <span className="chip-detail"> · {backend.detail}</span>}
      {fellBack && <span className="chip-detail"> · fell back: {backend.fallbackReasons.join('; ')}</span>}
    </div>
  );
}
