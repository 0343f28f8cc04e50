import { disposeParams, type Params } from '../engine/model/params';
import { purifiedModelFiles } from '../engine/model/purified-model';
import type { ArchId } from '../engine/model/arch';
import type { Trace } from '../engine/trace';
import type { ModelExport, WorkerEvent, WorkerRequest } from '../protocol/messages';

export const NO_OUTPUT =
  'No purified model in this session: run a defense in the page first (a precomputed, restored or imported run has measurements only, no weights).';

/**
 * The defense output of the latest finished run, kept (not disposed) so the page can export it as
 * tfjs Layers files; freed when the next run starts or the session is disposed (src/worker/run-session.ts).
 */
export class KeptOutput {
  private kept: { arch: ArchId; params: Params; trace: Trace } | null = null;
  private closed = false;

  /** Takes ownership of `params`; a closed keeper (its session was replaced) frees them at once. */
  keep(arch: ArchId, params: Params, trace: Trace): void {
    this.release();
    if (this.closed) return disposeParams(params);
    this.kept = { arch, params, trace };
  }

  dispose(): void {
    this.closed = true;
    this.release();
  }

  /** model.json (with the run's measured ACC/ASR) and its one weights shard named `weightsFileName`. */
  async export(requestId: number, weightsFileName: string): Promise<ModelExport> {
    if (!this.kept) throw new Error(NO_OUTPUT);
    const { arch, params, trace } = this.kept;
    return { requestId, ...(await purifiedModelFiles(arch, params, trace, weightsFileName)) };
  }

  private release(): void {
    if (this.kept) disposeParams(this.kept.params);
    this.kept = null;
  }
}

/** The worker's answer to an export-model request; throws (an 'error' for the request) when no run has finished. */
export async function exportModelAnswer(output: KeptOutput | undefined, msg: Extract<WorkerRequest, { type: 'export-model' }>): Promise<WorkerEvent> {
  if (!output) throw new Error(NO_OUTPUT);
  return { type: 'model-export', result: await output.export(msg.requestId, msg.weightsFileName) };
}
