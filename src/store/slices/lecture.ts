import type { SliceCreator } from '../app-state';
import { LECTURE_STEPS } from '../lecture/steps';

/** Lecture mode: which guided step is on screen, and whether t is sweeping by itself. */
export interface LectureSlice {
  lecture: { on: boolean; step: number; playing: boolean };
  setLecture: (on: boolean) => void;
  /** opens step `index` (0-based, clamped): its round/stage/t go to the selection; animated steps start playing */
  goToStep: (index: number) => void;
  nextStep: () => void;
  prevStep: () => void;
  setPlaying: (playing: boolean) => void;
}

const clampStep = (index: number) => Math.min(LECTURE_STEPS.length - 1, Math.max(0, Math.round(index)));

export const createLectureSlice: SliceCreator<LectureSlice> = (set, get) => ({
  lecture: { on: false, step: 0, playing: false },

  setLecture: (on) => {
    if (on) get().goToStep(get().lecture.step);
    set({ lecture: { ...get().lecture, on, playing: on && get().lecture.playing } });
  },
  goToStep: (index) => {
    const step = clampStep(index);
    const view = LECTURE_STEPS[step];
    set({
      lecture: { on: get().lecture.on, step, playing: view.animate === true },
      selected: { ...get().selected, round: view.round, stage: view.stage },
      viewT: view.t,
      preview: null,
      previewError: null,
    });
  },
  nextStep: () => get().goToStep(get().lecture.step + 1),
  prevStep: () => get().goToStep(get().lecture.step - 1),
  setPlaying: (playing) => set({ lecture: { ...get().lecture, playing } }),
});
