import type { CDPSession, Page } from 'playwright-core';

/**
 * JS heap sizes of the page and of its compute worker, through the DevTools protocol, each after a
 * full garbage collection. Playwright's CDPSession speaks only to the page, so the worker is reached
 * the older way: auto-attach without flattening, then Target.sendMessageToTarget.
 */
export class HeapMeter {
  private worker: string | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly cdp: CDPSession) {}

  /** Call before navigating, so the worker is caught as the page starts it. */
  static async attach(page: Page, workerUrlPart = 'compute.worker'): Promise<HeapMeter> {
    const meter = new HeapMeter(await page.context().newCDPSession(page));
    meter.cdp.on('Target.attachedToTarget', (ev) => {
      if (ev.targetInfo.type === 'worker' && ev.targetInfo.url.includes(workerUrlPart)) meter.worker = ev.sessionId;
    });
    meter.cdp.on('Target.receivedMessageFromTarget', (ev) => {
      const reply = JSON.parse(ev.message) as { id?: number; result?: unknown };
      if (reply.id === undefined) return;
      meter.waiting.get(reply.id)?.(reply.result);
      meter.waiting.delete(reply.id);
    });
    await meter.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return meter;
  }

  get workerAttached(): boolean {
    return this.worker !== null;
  }

  private toWorker(method: string): Promise<unknown> {
    const sessionId = this.worker;
    if (!sessionId) throw new Error('the compute worker has not started');
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    });
  }

  /** Bytes in use on the worker's JS heap (tfjs's WASM memory is not on it; tf.memory() counts the tensors). */
  async workerHeap(): Promise<number> {
    await this.toWorker('HeapProfiler.collectGarbage');
    return ((await this.toWorker('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  }

  async pageHeap(): Promise<number> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    return (await this.cdp.send('Runtime.getHeapUsage')).usedSize;
  }
}
