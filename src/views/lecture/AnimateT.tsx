import { useAppStore } from '../../store/store';
import { useTAnimation } from './useTAnimation';

/** Plays t from where it is to 1 (or pauses it), on the normal page and in the lecture alike. */
export function AnimateT() {
  const playing = useAppStore((s) => s.lecture.playing);
  const setPlaying = useAppStore((s) => s.setPlaying);
  useTAnimation();
  return (
    <button
      type="button"
      className="animate-t"
      data-testid="animate-t"
      aria-pressed={playing}
      title="t sweeps to 1 in about 4 s; the plots, read-out and predictions follow"
      onClick={() => setPlaying(!playing)}
    >
      {playing ? '❚❚ pause' : '▶ animate t'}
    </button>
  );
}
