/** The error a cancelled computation rejects with (the DOM's name for an aborted operation). */
export function cancelledError(): Error {
  return new DOMException('Cancelled', 'AbortError');
}

/** Resolvers waiting on the shared channel, in order (browsers and workers: no setImmediate there). */
const waiting: (() => void)[] = [];
let channel: MessageChannel | null = null;

/**
 * Resolves after the event loop has run the tasks queued so far: in the worker, that is where a
 * Cancel posted by the page is handled (src/worker/compute.worker.ts). A MessageChannel message,
 * not setTimeout(0), because nested timers are clamped to 4 ms, a tenth of a curve step on WASM.
 * Node has setImmediate, and a channel's port would keep its process alive.
 */
export function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/**
 * Where a long computation may stop: lets queued messages run, then throws if `signal` was aborted.
 * A training epoch is otherwise one synchronous loop, and a Cancel would wait for its readback.
 * Without a signal nothing can cancel, so nothing yields (Node scripts keep their pace).
 */
export async function cancelPoint(signal?: AbortSignal): Promise<void> {
  if (!signal) return;
  if (!signal.aborted) await nextTask();
  if (signal.aborted) throw cancelledError();
}
