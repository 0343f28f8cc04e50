import { describe, expect, it } from 'vitest';
import { LECTURE_STEPS } from './lecture/steps';
import { createAppStore } from './store';

const noStorage = () => ({ getItem: () => null, setItem: () => undefined, removeItem: () => undefined }) as unknown as Storage;

describe('lecture steps drive the store', () => {
  it('has 7–9 steps, each with a title, one or two sentences, panels and a valid view', () => {
    expect(LECTURE_STEPS.length).toBeGreaterThanOrEqual(7);
    expect(LECTURE_STEPS.length).toBeLessThanOrEqual(9);
    for (const step of LECTURE_STEPS) {
      expect(step.title.length).toBeGreaterThan(3);
      expect(step.text.split(/(?<=[.:!?])\s+(?=[A-Z])/).length).toBeLessThanOrEqual(2);
      expect(step.panels.length).toBeGreaterThanOrEqual(1);
      expect(step.t).toBeGreaterThanOrEqual(0);
      expect(step.t).toBeLessThanOrEqual(1);
    }
  });

  it.each(LECTURE_STEPS.map((s, i) => [i, s] as const))('step %i sets round, stage, t and the animation', (index, step) => {
    const store = createAppStore(noStorage);
    store.getState().setLecture(true);
    store.getState().goToStep(index);
    const s = store.getState();
    expect(s.lecture).toEqual({ on: true, step: index, playing: step.animate === true });
    expect(s.selected).toMatchObject({ round: step.round, stage: step.stage });
    expect(s.viewT).toBe(step.t);
  });

  it('next/previous stay within the table, and leaving keeps the step for next time', () => {
    const store = createAppStore(noStorage);
    const s = () => store.getState();
    s().setLecture(true);
    s().prevStep();
    expect(s().lecture.step).toBe(0);
    for (let k = 0; k < 20; k++) s().nextStep();
    expect(s().lecture.step).toBe(LECTURE_STEPS.length - 1);
    s().setLecture(false);
    expect(s().lecture).toMatchObject({ on: false, step: LECTURE_STEPS.length - 1, playing: false });
  });
});
