import { makeRng, permutationOf, shuffleInPlace } from '../random';

/**
 * Seeded class-stratified split: each class gives its share of `testCount`
 * (largest-remainder rounding so the total is exact); both halves are then shuffled
 * so any prefix of a split is itself a fair sample.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testCount: number, seed: number): { train: Int32Array; test: Int32Array } {
  const n = labels.length;
  if (testCount < 0 || testCount > n) throw new Error(`stratifiedSplit: testCount ${testCount} outside 0..${n}`);
  const rng = makeRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  // Each class's member indices, classes in ascending label order.
  const classes = [...byClass.entries()].sort(([a], [b]) => a - b).map(([, members]) => members);
  const exact = classes.map((members) => (members.length * testCount) / n);
  const take = exact.map(Math.floor);
  let missing = testCount - take.reduce((a, b) => a + b, 0);
  const byRemainder = classes.map((_, k) => k).sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
  for (const k of byRemainder) {
    if (missing-- <= 0) break;
    take[k]++;
  }
  const test: number[] = [];
  const train: number[] = [];
  classes.forEach((members, k) => {
    const order = permutationOf(members.length, rng);
    order.forEach((o, r) => (r < take[k] ? test : train).push(members[o]));
  });
  shuffleInPlace(test, rng);
  shuffleInPlace(train, rng);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
