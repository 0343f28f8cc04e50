import { describe, expect, it } from 'vitest';
import { CancellableRequests } from './cancellable-requests';

/** Work that waits until its signal is aborted, then throws the AbortError the engine's cancelPoint throws. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('CancellableRequests', () => {
  it("a cancel with the request's id aborts its work, which fails as 'Cancelled'; its id is then forgotten", async () => {
    const requests = new CancellableRequests();
    const failures: [string, boolean][] = [];
    const served = requests.serve(4, untilAborted, (message, cancelled) => failures.push([message, cancelled]));
    expect(requests.cancel(5)).toBe(false);
    expect(requests.cancel(4)).toBe(true);
    await served;
    expect(failures).toEqual([['Cancelled', true]]);
    expect(requests.cancel(4)).toBe(false);
  });

  it("work that throws fails with the error's message, not cancelled; work that ends answers no failure", async () => {
    const requests = new CancellableRequests();
    const failures: [string, boolean][] = [];
    const fail = (message: string, cancelled: boolean) => failures.push([message, cancelled]);
    await requests.serve(1, () => Promise.reject(new Error('No backend yet')), fail);
    await requests.serve(2, () => Promise.resolve(), fail);
    expect(failures).toEqual([['No backend yet', false]]);
    expect(requests.cancel(1) || requests.cancel(2)).toBe(false);
  });
});
