/** Names and attributes of the lean step's custom kernels (registered in host-kernels.ts and webgpu-kernels.ts). */
export const BEZIER_POINT = 'TscBezierPoint';
export const SGD_UPDATE = 'TscSgdUpdate';
/** Consecutive pieces of a flat buffer, one output each (host backends only; see flat-layout.ts). */
export const SPLIT_FLAT = 'TscSplitFlat';
/** One parameter tensor's θ(t) and its SGD step (new θ and velocity out): host backends only, tensor-step-kernels.ts. */
export const TENSOR_BEZIER_POINT = 'TscTensorBezierPoint';
export const TENSOR_SGD_STEP = 'TscTensorSgdStep';

export interface SplitAttrs {
  sizes: number[];
}

/** Bernstein weights of θ(t) = wa·a + wc·c + wb·b. */
export interface BezierAttrs {
  wa: number;
  wc: number;
  wb: number;
}

export interface SgdUpdateAttrs extends BezierAttrs {
  lr: number;
  momentum: number;
  weightDecay: number;
  /** factor of θ(t) added to the gradient: wc·l2 for a curve step, 0 for plain SGD */
  l2Scale: number;
}

/** A per-tensor step's scalars: l2Scale multiplies the point θ(t) (0: no point input). */
export interface TensorStepAttrs {
  lr: number;
  momentum: number;
  weightDecay: number;
  l2Scale: number;
}
