import { USER_MODEL_PREFIX } from '../engine/zoo';
import type { BackendName } from '../protocol/messages';
import { encodeLink, linkNotice, parseLink, type LinkState, type ParsedLink } from '../schema/url';
import { useAppStore, type AppState } from '../store/store';

/** The state a link carries; a change to any other field never touches the URL. */
const LINK_FIELDS = ['selectedModelId', 'settings', 'selected', 'viewT', 'lecture', 'preferredBackend'] as const;
export type LinkSource = Pick<AppState, (typeof LINK_FIELDS)[number]>;
export type LinkTarget = LinkSource &
  Pick<AppState, 'models' | 'selectModel' | 'updateSettings' | 'selectStage' | 'selectLayer' | 'setViewT' | 'setLecture' | 'goToStep' | 'addNotice'>;

/**
 * The view as a link: the model, every run setting (so the link means the same run for anyone,
 * whatever their own saved settings), the selection and t (or the lecture step), a forced backend.
 */
export function linkFromState(s: LinkSource): LinkState {
  const settings = { ...s.settings };
  const { round, stage, layer } = s.selected;
  const view = s.lecture.on ? { lecture: true, step: s.lecture.step + 1 } : { round, stage, layer: layer === 0 ? undefined : layer, t: s.viewT };
  return { model: s.selectedModelId, settings, ...view, backend: s.preferredBackend === 'auto' ? undefined : s.preferredBackend };
}

/** Opens a link's view; a missing round, stage or layer means the default (1, 1, 0), a missing `lecture` means off. */
export function applyLink({ state: link, dropped }: ParsedLink, s: LinkTarget): void {
  // a user model is listed once IndexedDB was read (src/store/slices/user-models.ts says so if it is not there)
  if (link.model !== undefined && !s.models.some((m) => m.id === link.model) && !link.model.startsWith(USER_MODEL_PREFIX))
    s.addNotice(`Unknown model "${link.model}" in the link; showing ${s.selectedModelId}.`);
  else if (link.model !== undefined && link.model !== s.selectedModelId) s.selectModel(link.model);
  if (link.settings) s.updateSettings(link.settings);
  if (link.lecture === true) {
    if (!s.lecture.on) s.setLecture(true);
    s.goToStep((link.step ?? 1) - 1);
  } else {
    if (s.lecture.on) s.setLecture(false);
    const [round, stage, layer] = [link.round ?? 1, link.stage ?? 1, link.layer ?? 0];
    if (round !== s.selected.round || stage !== s.selected.stage) s.selectStage(round, stage);
    if (layer !== s.selected.layer) s.selectLayer(layer);
    if (link.t !== undefined && link.t !== s.viewT) s.setViewT(link.t);
  }
  if (dropped.length > 0) s.addNotice(linkNotice(dropped));
}

/** A cheap compare, run on every store change (t moves once a frame while dragged). */
export const linkInputsChanged = (s: LinkSource, prev: LinkSource) => LINK_FIELDS.some((k) => s[k] !== prev[k]);
/** Lecture on/off or a step: a new history entry, so Back walks the steps. */
export const lectureMoved = (s: LinkSource, prev: LinkSource) => s.lecture.on !== prev.lecture.on || (s.lecture.on && s.lecture.step !== prev.lecture.step);
/** How long a URL rewrite waits: at most one per `gapMs` (5 a second). */
export const replaceDelay = (now: number, lastReplace: number, gapMs = 200) => Math.max(0, lastReplace + gapMs - now);

export type UrlWindow = Pick<Window, 'location' | 'history' | 'addEventListener' | 'removeEventListener'>;

/**
 * Start-up: opens the view in the URL (before the precomputed trace loads), then keeps the URL in step
 * with the store, and reopens it on Back/Forward. Returns the backend the worker must use and the stop.
 */
export function startUrlSync(win: UrlWindow = window, store = useAppStore): { backend: BackendName | 'auto'; stop: () => void } {
  const backend = parseLink(win.location.search).state.backend ?? 'auto';
  store.getState().setPreferredBackend(backend);
  let applying = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastReplace = -Infinity;
  const write = (how: 'push' | 'replace') => {
    clearTimeout(timer ?? undefined);
    timer = null;
    const { pathname, search, hash } = win.location;
    const next = encodeLink(linkFromState(store.getState()));
    if (next === search) return;
    if (how === 'push') return win.history.pushState(null, '', `${pathname}${next}${hash}`);
    win.history.replaceState(win.history.state, '', `${pathname}${next}${hash}`);
    lastReplace = Date.now();
  };
  const apply = () => {
    applying = true; // the store changes it makes are not the user's moves: no history entries
    applyLink(parseLink(win.location.search), store.getState());
    applying = false;
    write('replace');
  };
  apply();
  const unsubscribe = store.subscribe((s, prev) => {
    if (applying || !linkInputsChanged(s, prev)) return;
    if (lectureMoved(s, prev)) return write('push');
    timer ??= setTimeout(() => write('replace'), replaceDelay(Date.now(), lastReplace));
  });
  win.addEventListener('popstate', apply);
  const stop = () => {
    unsubscribe();
    win.removeEventListener('popstate', apply);
    clearTimeout(timer ?? undefined);
  };
  return { backend, stop };
}
