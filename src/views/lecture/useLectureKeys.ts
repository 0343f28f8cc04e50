import { useEffect } from 'react';
import { LECTURE_STEPS } from '../../store/lecture/steps';
import { useAppStore } from '../../store/store';
import { exitFullscreen, toggleFullscreen } from './fullscreen';

/** Keys that type into a field (or move a slider) belong to the field, except Esc. */
const inField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));

/** The lecture's key map; presenter clickers send PageUp / PageDown. */
export const LECTURE_KEYS: [string, string][] = [
  ['← / PageUp', 'previous step'],
  ['→ / PageDown', 'next step'],
  ['Space', 'play / pause t'],
  ['F', 'full screen'],
  ['Esc', 'leave'],
];

function act(key: string): boolean {
  const s = useAppStore.getState();
  if (key === 'ArrowLeft' || key === 'PageUp') s.prevStep();
  else if (key === 'ArrowRight' || key === 'PageDown') s.nextStep();
  else if (key === ' ') {
    if (LECTURE_STEPS[s.lecture.step].panels.includes('curve')) s.setPlaying(!s.lecture.playing);
  } else if (key === 'f' || key === 'F') toggleFullscreen();
  else return false;
  return true;
}

/** While the lecture is on screen: a window keydown listener for the key map above. */
export function useLectureKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'Escape') {
        exitFullscreen();
        useAppStore.getState().setLecture(false);
      } else if (inField(e.target) || !act(e.key)) return;
      // also keeps Space from pressing a focused button and PageDown from scrolling
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
