import { useAppStore } from '../../store/store';
import { LECTURE_KEYS } from './useLectureKeys';

/** Previous / next, where we are ("3 / 8"), and the key map as a tooltip. */
export function LectureNav({ index, count }: { index: number; count: number }) {
  const prevStep = useAppStore((s) => s.prevStep);
  const nextStep = useAppStore((s) => s.nextStep);
  const keys = LECTURE_KEYS.map(([key, what]) => `${key}: ${what}`).join(' · ');
  return (
    <nav className="lecture-nav" aria-label="Lecture steps" title={keys}>
      <button data-testid="lecture-prev" onClick={prevStep} disabled={index === 0} aria-label="Previous step">
        ← prev
      </button>
      <span className="lecture-step" data-testid="lecture-step" aria-live="polite">
        {index + 1} / {count}
      </span>
      <button data-testid="lecture-next" onClick={nextStep} disabled={index === count - 1} aria-label="Next step">
        next →
      </button>
    </nav>
  );
}
