/** Quadratic Bézier arithmetic on plain numbers (no tfjs, so the page's main bundle can use it). */

/** Bernstein weights of the quadratic Bézier curve at t (docs/method.md §1.4). */
export function bezierWeights(t: number): [number, number, number] {
  return [(1 - t) * (1 - t), 2 * t * (1 - t), t * t];
}

/** A point of the curve through 2-D points a (t=0), control c and b (t=1): the loss plane's view of θ(t). */
export function curveInPlane(coords: { a: [number, number]; c: [number, number]; b: [number, number] }, t: number): [number, number] {
  const [wa, wc, wb] = bezierWeights(t);
  return [wa * coords.a[0] + wc * coords.c[0] + wb * coords.b[0], wa * coords.a[1] + wc * coords.c[1] + wb * coords.b[1]];
}
