import { useEffect, useRef } from 'react';
import type { AppActions } from '../../app/actions';
import { LECTURE_STEPS } from '../../store/lecture/steps';
import { useAppStore } from '../../store/store';
import { LectureNav } from './LectureNav';
import { LecturePanels } from './LecturePanels';
import { useLectureKeys } from './useLectureKeys';

/**
 * The guided lecture: step k of N, its title and sentences, its panels (large) and nothing else.
 * Keys: see useLectureKeys. The step's view (round, stage, t) is applied again when the run on
 * screen changes, e.g. when the precomputed trace arrives after the lecture was opened.
 */
export function LectureView({ actions }: { actions: AppActions }) {
  const index = useAppStore((s) => s.lecture.step);
  const trace = useAppStore((s) => s.trace);
  const root = useRef<HTMLElement>(null);
  const step = LECTURE_STEPS[index];
  useLectureKeys();
  useEffect(() => root.current?.focus({ preventScroll: true }), []);
  useEffect(() => {
    const s = useAppStore.getState();
    if (trace) s.goToStep(s.lecture.step);
  }, [trace]);
  return (
    <main className="lecture" ref={root} tabIndex={-1} data-testid="lecture" data-step={index + 1} aria-labelledby="lecture-title">
      <header className="lecture-head">
        <h2 id="lecture-title">{step.title}</h2>
        <LectureNav index={index} count={LECTURE_STEPS.length} />
      </header>
      <p className="lecture-text" data-testid="lecture-text">
        {step.text}
      </p>
      <LecturePanels panels={step.panels} actions={actions} />
    </main>
  );
}
