import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZooEntry } from '../engine/zoo';
import { createAppStore } from '../store/store';
import { lectureMoved, linkInputsChanged, replaceDelay, startUrlSync, type UrlWindow } from './url-sync';

const noStorage = () => ({ getItem: () => null, setItem: () => undefined, removeItem: () => undefined }) as unknown as Storage;
let store = createAppStore(noStorage);
const state = () => store.getState();

/** A window with a location, a history that logs every write, and a popstate to fire. */
function fakeWindow(search: string) {
  const log: string[] = [];
  const listeners: (() => void)[] = [];
  const location = { pathname: '/app/', search, hash: '' };
  const write = (how: string) => (_: unknown, __: string, url: string) => {
    location.search = new URL(url, 'http://x').search;
    log.push(`${how} ${url}`);
  };
  const history = { state: null, pushState: write('push'), replaceState: write('replace') };
  const win = { location, history, addEventListener: (_: string, f: () => void) => listeners.push(f), removeEventListener: () => undefined };
  const back = (to: string) => {
    location.search = to;
    listeners.forEach((f) => f());
  };
  return { win: win as unknown as UrlWindow, log, back };
}

let stop = () => {};
beforeEach(() => {
  vi.useFakeTimers();
  store = createAppStore(noStorage);
  store.setState({ models: [{ id: 'mnist-mlp-badnet' }] as ZooEntry[], selectedModelId: 'mnist-mlp-badnet' });
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

const LIVE_QUERY = 'defense=tsc&rounds=3&epochs=10&lr=0.2&out-t=0.4&clean=0.05&seed=0&perm=activation&ft=1&eval=300&test=0';

describe('the URL follows the store', () => {
  it('opens the link, normalizes it, rewrites it at most 5 times a second while t moves', () => {
    const { win, log } = fakeWindow('?t=0.70&stage=2&backend=cpu&junk=1');
    const sync = startUrlSync(win, store);
    stop = sync.stop;
    expect([sync.backend, state().preferredBackend, state().selected, state().viewT]).toEqual(['cpu', 'cpu', { round: 1, stage: 2, layer: 0 }, 0.7]);
    expect(log).toEqual([`replace /app/?model=mnist-mlp-badnet&${LIVE_QUERY}&round=1&stage=2&t=0.70&backend=cpu`]);
    for (let k = 1; k <= 30; k++) {
      state().setViewT(0.7 - k * 0.01);
      vi.advanceTimersByTime(16); // one frame of a drag
    }
    vi.advanceTimersByTime(200);
    expect(log.length).toBe(1 + Math.ceil((30 * 16) / 200));
    expect(log.at(-1)).toBe(`replace /app/?model=mnist-mlp-badnet&${LIVE_QUERY}&round=1&stage=2&t=0.40&backend=cpu`);
  });

  it('lecture steps push history entries; Back reopens them without new entries', () => {
    const { win, log, back } = fakeWindow('');
    stop = startUrlSync(win, store).stop;
    expect(log).toEqual([`replace /app/?model=mnist-mlp-badnet&${LIVE_QUERY}&round=1&stage=1&t=0.40`]);
    state().setLecture(true);
    state().goToStep(1);
    expect(log.slice(1)).toEqual([
      `push /app/?model=mnist-mlp-badnet&${LIVE_QUERY}&step=1&lecture=1`,
      `push /app/?model=mnist-mlp-badnet&${LIVE_QUERY}&step=2&lecture=1`,
    ]);
    back(`?model=mnist-mlp-badnet&${LIVE_QUERY}&step=1&lecture=1`);
    expect([state().lecture.on, state().lecture.step]).toEqual([true, 0]);
    back(`?model=mnist-mlp-badnet&${LIVE_QUERY}&round=1&stage=1&t=0.40`);
    expect([state().lecture.on, state().viewT]).toEqual([false, 0.4]);
    vi.advanceTimersByTime(1000);
    expect(log.length).toBe(3);
  });
});

describe('throttle and history decisions', () => {
  it('rewrites at most once per 200 ms; only link fields count; a lecture move is a new entry', () => {
    expect([replaceDelay(1000, -Infinity), replaceDelay(1000, 900), replaceDelay(1000, 800), replaceDelay(1000, 1000)]).toEqual([0, 100, 0, 200]);
    const before = state();
    expect(linkInputsChanged({ ...before, viewT: 0.41 }, before)).toBe(true);
    expect(linkInputsChanged({ ...before, notices: ['x'] } as typeof before, before)).toBe(false);
    const lecture = (on: boolean, step: number, playing = false) => ({ ...before, lecture: { on, step, playing } });
    expect([
      lectureMoved(lecture(true, 0), lecture(false, 0)),
      lectureMoved(lecture(true, 1), lecture(true, 0)),
      lectureMoved(lecture(true, 1, true), lecture(true, 1)),
    ]).toEqual([true, true, false]);
    expect(lectureMoved(lecture(false, 3), lecture(false, 0))).toBe(false);
  });
});
