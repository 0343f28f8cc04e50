import { useState } from 'react';

export type PendingControl = null | 'pause' | 'step';

/**
 * A pause or step asked for that the run has not reached yet: forgotten as soon as the run pauses,
 * resumes or changes status (reset while rendering, so a stale note is never painted).
 */
export function usePendingControl(paused: boolean, status: string) {
  const [pending, setPending] = useState<PendingControl>(null);
  const [seen, setSeen] = useState({ paused, status });
  if (seen.paused !== paused || seen.status !== status) {
    setSeen({ paused, status });
    setPending(null);
  }
  return [pending, setPending] as const;
}
