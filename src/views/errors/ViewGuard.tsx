import type { ReactNode } from 'react';
import { useAppStore } from '../../store/store';
import type { ViewId } from '../../store/view-reset';
import { ErrorBoundary } from './ErrorBoundary';

/** The message of whatever was thrown; an Error without one is named by its type. */
export const failureText = (error: Error) => error.message || error.name;

/** One panel's boundary: if the panel throws, only it is replaced, by its message and a Reset view button. */
export function ViewGuard({ view, children }: { view: ViewId; children: ReactNode }) {
  const resetView = useAppStore((s) => s.resetView);
  return (
    <ErrorBoundary
      fallback={(error, remount) => (
        <section className="panel view-failed" role="alert" data-testid="view-failed" data-view={view}>
          <p className="view-failed-text">This view failed: {failureText(error)}</p>
          <button
            type="button"
            data-testid="reset-view"
            onClick={() => {
              // the selection that made it throw goes first, so the remount does not throw again
              resetView(view);
              remount();
            }}
          >
            Reset view
          </button>
        </section>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
