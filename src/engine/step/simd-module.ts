/**
 * The bytes of a small WebAssembly module with the fused-per-tensor step's two loops in 128-bit
 * SIMD (4 float32 lanes), written out here so that no assembler is needed at build time. It
 * imports the memory it works on ("env" "memory"): tfjs-backend-wasm's heap, so the loops read and
 * write tensors where they lie (src/engine/step/wasm-simd-kernels.ts binds it). Pointers are byte
 * offsets into that heap; `quads` is the number of 4-float groups (the caller does the n % 4 tail).
 *
 * Exports:
 * - bezier(a, c, b, out, quads, wa, wc, wb): out = a·wa + c·wc + b·wb
 * - step_PWV(theta, grad, velocity, point, thetaOut, velocityOut, quads, lr, momentum, wd, l2) for
 *   P, W, V ∈ {0, 1}: whether the l2 term (point·l2), weight decay and momentum are present;
 *   g = grad [+ point·l2] [+ theta·wd] [+ velocity·momentum], velocityOut = g, thetaOut = theta − g·lr.
 * Every lane operation is one IEEE float32 mul, add or sub in the order of the reference stepper's
 * plain ops (src/engine/step/reference-stepper.ts), so the results have the same bits (WebAssembly
 * has no fused multiply-add to change the rounding).
 */

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  i32Const: (value: number) => [0x41, ...sleb(value)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  // SIMD: prefix 0xfd, then the opcode as unsigned LEB128; memargs align 2^2, offset 0
  v128Load: [0xfd, 0x00, 2, 0],
  v128Store: [0xfd, 0x0b, 2, 0],
  f32x4Splat: [0xfd, 0x13],
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Sub: [0xfd, 0xe5, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
};

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (text: string) => vector([...text].map((ch) => [ch.charCodeAt(0)]));

interface Func {
  exportName: string;
  params: number[];
  /** extra locals, one type each */
  locals: number[];
  body: number[];
}

/** `for (i = 0; i < quads·16; i += 16) body(i)`, with i in local `i` and the bound in local `end`. */
function quadLoop(quads: number, i: number, end: number, body: number[]): number[] {
  return [
    ...op.get(quads),
    ...op.i32Const(4),
    ...op.i32Shl,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.get(end),
    ...op.i32GeU,
    ...op.brIf(1),
    ...body,
    ...op.get(i),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/** v128 at pointer local `ptr` + byte offset local `i`. */
const load = (ptr: number, i: number) => [...op.get(ptr), ...op.get(i), ...op.i32Add, ...op.v128Load];

function bezierFunc(): Func {
  // params: a 0, c 1, b 2, out 3, quads 4, wa 5, wc 6, wb 7; locals: i 8, end 9, vwa 10, vwc 11, vwb 12
  const splats = [5, 6, 7].flatMap((w) => [...op.get(w), ...op.f32x4Splat, ...op.set(w + 5)]);
  const body = [
    ...[3, 8].flatMap(op.get),
    ...op.i32Add,
    ...load(0, 8),
    ...op.get(10),
    ...op.f32x4Mul,
    ...load(1, 8),
    ...op.get(11),
    ...op.f32x4Mul,
    ...op.f32x4Add,
    ...load(2, 8),
    ...op.get(12),
    ...op.f32x4Mul,
    ...op.f32x4Add,
    ...op.v128Store,
  ];
  return {
    exportName: 'bezier',
    params: [I32, I32, I32, I32, I32, F32, F32, F32],
    locals: [I32, I32, V128, V128, V128],
    body: [...splats, ...quadLoop(4, 8, 9, body)],
  };
}

function stepFunc(withL2: boolean, withDecay: boolean, withMomentum: boolean): Func {
  // params: theta 0, grad 1, velocity 2, point 3, thetaOut 4, velocityOut 5, quads 6, lr 7, momentum 8, wd 9, l2 10
  // locals: i 11, end 12, g 13, vlr 14, vmomentum 15, vwd 16, vl2 17
  const splats = [7, 8, 9, 10].flatMap((s) => [...op.get(s), ...op.f32x4Splat, ...op.set(s + 7)]);
  const term = (ptr: number, factor: number) => [...load(ptr, 11), ...op.get(factor), ...op.f32x4Mul, ...op.f32x4Add];
  const body = [
    ...load(1, 11),
    ...(withL2 ? term(3, 17) : []),
    ...(withDecay ? term(0, 16) : []),
    ...(withMomentum ? term(2, 15) : []),
    ...op.set(13),
    ...[5, 11].flatMap(op.get),
    ...op.i32Add,
    ...op.get(13),
    ...op.v128Store,
    ...[4, 11].flatMap(op.get),
    ...op.i32Add,
    ...load(0, 11),
    ...op.get(13),
    ...op.get(14),
    ...op.f32x4Mul,
    ...op.f32x4Sub,
    ...op.v128Store,
  ];
  const flags = [withL2, withDecay, withMomentum].map(Number).join('');
  return {
    exportName: `step_${flags}`,
    params: [I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32],
    locals: [I32, I32, V128, V128, V128, V128, V128],
    body: [...splats, ...quadLoop(6, 11, 12, body)],
  };
}

/** Every step variant's export name, by its three flags. */
export const stepExport = (withL2: boolean, withDecay: boolean, withMomentum: boolean) => `step_${[withL2, withDecay, withMomentum].map(Number).join('')}`;

/**
 * The module's bytes. `shared`: import a shared memory (tfjs's threaded build), which must declare
 * a maximum; 65536 pages is the most a 32-bit memory can have, so any real maximum fits under it.
 */
export function simdModuleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const funcs = [bezierFunc()];
  for (const l2 of [false, true]) for (const decay of [false, true]) for (const momentum of [false, true]) funcs.push(stepFunc(l2, decay, momentum));
  const types = funcs.map((f) => [0x60, ...vector(f.params.map((t) => [t])), 0]);
  const limits = shared ? [0x03, ...uleb(0), ...uleb(65536)] : [0x00, ...uleb(0)];
  const imports = vector([[...name('env'), ...name('memory'), 0x02, ...limits]]);
  const codes = funcs.map((f) => {
    const code = [...vector(f.locals.map((t) => [1, t])), ...f.body, ...op.end];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, imports),
    ...section(3, vector(funcs.map((_, i) => uleb(i)))),
    ...section(7, vector(funcs.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]))),
    ...section(10, vector(codes)),
  ]);
}
