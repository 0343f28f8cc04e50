/// <reference lib="webworker" />
import { selectBackend } from './backend';
import { evaluateZooModel } from './evaluate';
import type { WorkerEvent, WorkerRequest } from './protocol';

/** The compute worker: owns tfjs and its backend so the page never blocks on tensor work. */
const post = (event: WorkerEvent) => (self as DedicatedWorkerGlobalScope).postMessage(event);
let dataBaseUrl = '';
let ready: Promise<void> | null = null;

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  try {
    if (msg.type === 'init') {
      dataBaseUrl = msg.dataBaseUrl;
      ready = selectBackend(msg.preferred).then((status) => post({ type: 'backend', status }));
      await ready;
    } else if (msg.type === 'evaluate') {
      await ready;
      const result = await evaluateZooModel(msg.requestId, msg.entry, msg.files, msg.sampleCount, dataBaseUrl, (phase, done, total) =>
        post({ type: 'progress', requestId: msg.requestId, phase, done, total }),
      );
      post({ type: 'evaluation', result });
    }
  } catch (err) {
    post({ type: 'error', requestId: 'requestId' in msg ? msg.requestId : undefined, message: (err as Error).message ?? String(err) });
  }
};
