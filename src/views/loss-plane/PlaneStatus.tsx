import type { useAppStore } from '../../store/store';

type PlaneView = NonNullable<ReturnType<typeof useAppStore.getState>['plane']>;

/** Which plane is shown, how far its grid got, and why it stopped if it did. */
export function PlaneStatus({ plane }: { plane: PlaneView }) {
  const result = plane.result;
  const computing = plane.status === 'computing';
  return (
    <div className="plane-status" data-testid="plane-status" data-status={plane.status}>
      {computing && <progress data-testid="plane-progress" max={result?.total ?? 1} value={result?.done ?? 0} aria-label="Loss plane progress" />}
      <span>
        round {plane.round}, stage {plane.stage}
        {result && ` · ${result.grid.n}×${result.grid.n} grid · ${result.done}/${result.total} points`}
        {computing && (result && result.done > 0 ? ' · refining…' : ' · starting…')}
        {plane.status === 'cancelled' && ' · cancelled'}
      </span>
      {plane.status === 'failed' && (
        <div className="error" role="alert">
          {plane.error}
        </div>
      )}
    </div>
  );
}
