import type { ReactNode } from 'react';
import { resetSavedState } from '../../store/reset-saved-state';
import { ErrorBoundary } from './ErrorBoundary';
import { failureText } from './ViewGuard';

const reloadPage = () => window.location.reload();

/**
 * The last line: whatever no panel's boundary caught (src/views/errors/ViewGuard.tsx). Saved state
 * is the likely cause of an error on every load, so the way out is to forget it and reload.
 */
export function AppGuard({ children, reload = reloadPage }: { children: ReactNode; reload?: () => void }) {
  return (
    <ErrorBoundary
      fallback={(error) => (
        <main className="app-failed panel" role="alert" data-testid="app-failed">
          <h1>The page failed</h1>
          <p className="view-failed-text">{failureText(error)}</p>
          <p>Resetting forgets your saved settings and your last run in this browser, then reloads the page.</p>
          <button type="button" data-testid="reset-saved-state" onClick={() => void resetSavedState().then(reload)}>
            Reset saved state
          </button>
        </main>
      )}
    >
      {children}
    </ErrorBoundary>
  );
}
