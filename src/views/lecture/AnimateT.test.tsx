// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../store/store';
import '../test/markup'; // React's act() environment
import { AnimateT } from './AnimateT';
import { SWEEP_MS } from './useTAnimation';

let frames: FrameRequestCallback[] = [];
const cancel = vi.fn();
const s = () => useAppStore.getState();
/** Runs the one pending animation frame at `ms` after now. */
const frame = (ms: number) => act(() => frames.splice(0).forEach((f) => f(performance.now() + ms)));

beforeEach(() => {
  frames = [];
  cancel.mockClear();
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', cancel);
  useAppStore.setState(useAppStore.getInitialState(), true);
});
afterEach(() => vi.unstubAllGlobals());

function mount() {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<AnimateT />));
  const button = () => host.querySelector('button');
  return { button, unmount: () => act(() => root.unmount()) };
}

describe('animate t', () => {
  it('the button plays t to 1, one setViewT a frame, then stops', () => {
    s().setViewT(0.2);
    const { button, unmount } = mount();
    expect(button()?.textContent).toBe('▶ animate t');
    act(() => button()?.click());
    expect(button()?.textContent).toBe('❚❚ pause');
    frame(SWEEP_MS / 4);
    expect(s().viewT).toBeCloseTo(0.45, 2);
    expect(frames).toHaveLength(1);
    frame(SWEEP_MS);
    expect([s().viewT, s().lecture.playing, frames.length]).toEqual([1, false, 0]);
    expect(button()?.textContent).toBe('▶ animate t');
    unmount();
  });

  it('starts from 0 when t is at 1; pausing and unmounting cancel the frame', () => {
    s().setViewT(1);
    const { button, unmount } = mount();
    act(() => button()?.click());
    expect(s().viewT).toBe(0);
    act(() => button()?.click());
    expect(cancel).toHaveBeenCalledTimes(1);
    act(() => s().setPlaying(true));
    unmount();
    expect(cancel).toHaveBeenCalledTimes(2);
  });
});
