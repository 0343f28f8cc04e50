import { useAppStore } from '../../store/store';

/** The header button that turns lecture mode on and off. */
export function LectureToggle() {
  const on = useAppStore((s) => s.lecture.on);
  const setLecture = useAppStore((s) => s.setLecture);
  return (
    <button
      className={on ? 'lecture-toggle active' : 'lecture-toggle'}
      data-testid="lecture-toggle"
      aria-pressed={on}
      title={on ? 'Leave lecture mode (Esc)' : 'A guided sequence of the method, one idea per screen (← → to step)'}
      onClick={() => setLecture(!on)}
    >
      {on ? 'Leave lecture' : 'Lecture mode'}
    </button>
  );
}
