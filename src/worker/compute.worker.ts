/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './backend';
import { BackendKeeper } from './backend-keeper';
import { evaluateZooModel } from './evaluate';
import { exportModelAnswer } from './export-model';
import { imageSet } from './model-io';
import type { WorkerEvent, WorkerRequest } from '../protocol/messages';
import { probeBackend, type ProbeRequest } from './probe';
import { PROBE_WORKER_NAME, type ProbeReply } from './probe-runner';
import { RunSession } from './run-session';
import { startBackend } from './start-backend';
import { cancelTraining, serveTrainModel } from './train-model';
import { cancelTrapReplace, serveTrapReplace } from './trap-replace-run';
import { serveImportModel } from './import-model';

/** The compute worker: owns tfjs and its backend so the page never blocks on tensor work. */
const post = (event: WorkerEvent) => (self as DedicatedWorkerGlobalScope).postMessage(event);
let dataBaseUrl = '';
/** the latest run; its curves stay available for θ(t) previews until the next run starts */
let session: RunSession | null = null;
/** On a lost device the run stops and the curves kept for previews go: they lived on that device. */
const backend = new BackendKeeper(
  post,
  (why) => {
    const runId = session?.running ? session.requestId : null;
    session?.interrupt(why);
    session?.dispose();
    return runId;
  },
  startBackend,
);

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';
/** a lost WebGPU device's readbacks reject with an empty message */
const messageOf = (err: unknown) => (err as Error)?.message || backend.lostMessage || String(err);

/** A copy of this script started by the backend probe (src/worker/probe-runner.ts) times one backend and nothing else. */
const serveProbe = async (ev: MessageEvent<ProbeRequest>) => {
  const reply = (msg: ProbeReply) => (self as DedicatedWorkerGlobalScope).postMessage(msg);
  try {
    reply({ type: 'done', probe: await probeBackend(ev.data, (probe) => reply({ type: 'started', probe })) });
  } catch (err) {
    reply({ type: 'done', probe: { name: ev.data.name, detail: '', lost: (err as Error).message ?? String(err) } });
  }
};

const serveCompute = async (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  try {
    switch (msg.type) {
      case 'ping':
        post({ type: 'pong', requestId: msg.requestId });
        break;
      case 'init':
        dataBaseUrl = msg.dataBaseUrl;
        await backend.start(() => selectBackend(msg.preferred, msg.dataBaseUrl, msg.probeModel));
        break;
      case 'memory': {
        // before init tf.memory() would start a backend of tfjs's own choosing
        if (!backend.ready) throw new Error('No backend yet: the worker has not been initialised.');
        await backend.ready;
        const { numTensors, numBytes } = tf.memory();
        post({ type: 'memory', memory: { requestId: msg.requestId, numTensors, numBytes, backend: tf.getBackend() } });
        break;
      }
      case 'evaluate': {
        await backend.ready;
        const result = await evaluateZooModel(msg.requestId, msg.entry, msg.files, msg.sampleCount, dataBaseUrl, (phase, done, total) =>
          post({ type: 'progress', requestId: msg.requestId, phase, done, total }),
        );
        post({ type: 'evaluation', result });
        break;
      }
      case 'run': {
        await backend.ready;
        session?.cancel();
        session?.dispose();
        const current = new RunSession(msg.requestId, msg.entry, dataBaseUrl, msg.trigger);
        session = current;
        try {
          await current.run(msg.files, msg.settings, msg.live, post);
        } catch (err) {
          const cancelled = isAbort(err) && current.interruption === null;
          post({ type: 'run-failed', requestId: msg.requestId, message: current.interruption ?? (cancelled ? 'Cancelled' : messageOf(err)), cancelled });
        }
        break;
      }
      case 'cancel':
        if (session?.requestId === msg.requestId) session.cancel();
        else cancelTraining(msg.requestId);
        cancelTrapReplace(msg.requestId);
        break;
      case 'trap-replace':
        await serveTrapReplace(msg, { ready: backend.ready, load: (dataset, split) => imageSet(dataBaseUrl, dataset, split) }, post);
        break;
      case 'import-model':
        await backend.ready;
        await serveImportModel(
          msg,
          (dataset, split) => imageSet(dataBaseUrl, dataset, split),
          (event, transfer) => (self as DedicatedWorkerGlobalScope).postMessage(event, transfer ?? []),
        );
        break;
      case 'train-model':
        await backend.ready;
        await serveTrainModel(
          msg.requestId,
          msg.recipe,
          (dataset, split) => imageSet(dataBaseUrl, dataset, split),
          (event, transfer) => (self as DedicatedWorkerGlobalScope).postMessage(event, transfer ?? []),
        );
        break;
      case 'pause':
      case 'resume':
      case 'step':
        if (session?.requestId === msg.requestId) session[msg.type]();
        break;
      case 'plane':
        try {
          if (!session) throw new Error('No run in this session yet: run a defense first, then compute its loss plane.');
          await session.lossPlane(msg, post);
        } catch (err) {
          post({ type: 'plane-failed', requestId: msg.requestId, message: isAbort(err) ? 'Cancelled' : messageOf(err), cancelled: isAbort(err) });
        }
        break;
      case 'export-model':
        post(await exportModelAnswer(session?.output, msg));
        break;
      case 'plane-cancel':
        session?.cancelPlane(msg.requestId);
        break;
      case 'bench': {
        // a worker of its own (scripts/bench-browser.ts): it starts the asked backend itself
        if (backend.ready) throw new Error('A bench request needs a fresh worker, not one whose backend was started by init.');
        const { serveBench } = await import('./bench-request');
        await serveBench(msg, post);
        break;
      }
      case 'preview': {
        const { requestId, round, stage, t } = msg;
        try {
          const result = await session?.preview(requestId, round, stage, t, msg.sampleCount);
          if (result) post({ type: 'preview', result });
        } catch (err) {
          // its own event: a generic 'error' would reach the sink's fail, which keeps only the evaluation's
          post({ type: 'preview-failed', failure: { requestId, round, stage, t, message: messageOf(err) } });
        }
        break;
      }
    }
  } catch (err) {
    post({ type: 'error', requestId: 'requestId' in msg ? msg.requestId : undefined, message: messageOf(err) });
  }
};

self.onmessage = self.name === PROBE_WORKER_NAME ? serveProbe : serveCompute;
