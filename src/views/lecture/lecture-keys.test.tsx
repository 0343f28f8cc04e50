// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LECTURE_STEPS } from '../../store/lecture/steps';
import { useAppStore } from '../../store/store';
import '../test/markup'; // React's act() environment
import { useLectureKeys } from './useLectureKeys';

function Keys() {
  useLectureKeys();
  return <input data-testid="field" />;
}

const host = document.createElement('div');
document.body.append(host);
const root = createRoot(host);
const s = () => useAppStore.getState();
const press = (key: string, target: EventTarget = window) => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  act(() => void target.dispatchEvent(event));
  return event.defaultPrevented;
};

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  s().setLecture(true);
  act(() => root.render(<Keys />));
});
afterEach(() => act(() => root.render(null)));

describe('lecture keys', () => {
  it('→ / PageDown next, ← / PageUp previous, taken from the page', () => {
    expect(press('ArrowRight')).toBe(true);
    press('PageDown');
    expect(s().lecture.step).toBe(2);
    press('PageUp');
    expect(s().lecture.step).toBe(1);
    press('ArrowLeft');
    expect(s().lecture.step).toBe(0);
  });

  it('Space plays and pauses t on a step with the curve, and does nothing elsewhere', () => {
    const curve = LECTURE_STEPS.findIndex((step) => step.panels.includes('curve') && step.animate !== true);
    s().goToStep(curve);
    press(' ');
    expect(s().lecture.playing).toBe(true);
    press(' ');
    expect(s().lecture.playing).toBe(false);
    s().goToStep(LECTURE_STEPS.findIndex((step) => !step.panels.includes('curve')));
    press(' ');
    expect(s().lecture.playing).toBe(false);
  });

  it('keys typed into a field stay there, except Esc, which leaves the lecture', () => {
    const field = host.querySelector('input');
    if (!field) throw new Error('no field');
    expect(press('ArrowRight', field)).toBe(false);
    expect(s().lecture.step).toBe(0);
    press('Escape', field);
    expect(s().lecture.on).toBe(false);
  });

  it('the listener goes with the component', () => {
    act(() => root.render(null));
    press('ArrowRight');
    expect(s().lecture.step).toBe(0);
  });
});
