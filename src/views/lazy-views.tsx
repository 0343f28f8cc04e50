import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A view in a chunk of its own, loaded the first time it renders. Once its module is here, the
 * factory hands React an already-settled thenable, so the view renders at once (no placeholder
 * flash when lecture mode is toggled back, and tests can `loadLazyViews()` first and render in one pass).
 */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  const preload = () =>
    load().then((view) => {
      loaded = view;
    });
  const View = lazy(() => {
    if (loaded) {
      const module = { default: loaded };
      return { then: (resolve: (m: typeof module) => void) => resolve(module) } as unknown as Promise<typeof module>;
    }
    return load().then((view) => ({ default: (loaded = view) }));
  });
  return Object.assign(View, { preload });
}

/**
 * Views the first picture (the precomputed loss curves) does not need: the main chunk the first
 * view waits for leaves them out, and each loads after the page has rendered.
 */
export const LazyLossPlane = lazyView(() => import('./loss-plane/LossPlane').then((m) => m.LossPlane));
export const LazyPermutationMatrix = lazyView(() => import('./permutation/PermutationMatrix').then((m) => m.PermutationMatrix));
export const LazyLectureView = lazyView(() => import('./lecture/LectureView').then((m) => m.LectureView));
export const LazyTrainModelPanel = lazyView(() => import('./train-model/TrainModelPanel').then((m) => m.TrainModelPanel));
export const LazyTrapReplacePanel = lazyView(() => import('./trap-replace/TrapReplacePanel').then((m) => m.TrapReplacePanel));

/** Loads every lazy view's chunk; afterwards they render without a placeholder. */
export async function loadLazyViews(): Promise<void> {
  await Promise.all([
    LazyLossPlane.preload(),
    LazyPermutationMatrix.preload(),
    LazyLectureView.preload(),
    LazyTrainModelPanel.preload(),
    LazyTrapReplacePanel.preload(),
  ]);
}

/** A lazy view with a visible placeholder while its chunk loads (a failed load reaches the view's ViewGuard). */
export function Deferred({ what, children }: { what: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <section className="panel" aria-busy="true" data-testid="view-loading">
          <p className="muted">Loading the {what}…</p>
        </section>
      }
    >
      {children}
    </Suspense>
  );
}
