import { describe, expect, it } from 'vitest';
import { PIXELS, SIDE } from '../data/datasets';
import { applyTrigger, defaultAttack, type AttackSpec } from './index';
import { randomBatch } from './testFixtures';

/*
 * The zoo's ASR figures were measured with the attacks as they were before x/y offsets and custom
 * triggers existed; the default (and the zoo's 4×4) parameters must still give bit-identical images.
 */

/** FNV-1a over the float32 bytes: any one-bit change in any pixel changes it. */
function checksum(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The BadNet of commit a1bd6f0, verbatim but for names: the bottom-right square, nothing else. */
function badnetBeforeOffsets(patchSize: number, value: number, images: Float32Array): Float32Array {
  const out = new Float32Array(images);
  const v = value < 0 ? 0 : value > 1 ? 1 : value;
  const start = SIDE - patchSize;
  for (let i = 0; i < images.length / PIXELS; i++) {
    for (let r = start; r < SIDE; r++) for (let c = start; c < SIDE; c++) out[i * PIXELS + r * SIDE + c] = v;
  }
  return out;
}

const batch = randomBatch(16, 21);

describe('built-in attacks at their zoo parameters are bit-identical to before custom triggers', () => {
  it.each([3, 4])('BadNet of size %i matches the pre-offset implementation', (size) => {
    const spec: AttackSpec = { kind: 'badnet', patchSize: size, value: 1 };
    expect(checksum(applyTrigger(spec, batch))).toBe(checksum(badnetBeforeOffsets(size, 1, batch)));
  });

  // Checksums this file's checksum() printed for the attack files of commit a1bd6f0 on
  // randomBatch(16, 21) (docs/method.md §8); a change that moves any pixel fails here.
  it.each([
    ['badnet', '49435b6e'],
    ['badnet-4x4', 'f68af3ee'],
    ['blended', '2fd004fc'],
    ['sig', 'd7e2538f'],
    ['wanet', 'd71f41b0'],
  ] as const)('%s default: checksum %s', (kind, expected) => {
    const spec: AttackSpec = kind === 'badnet-4x4' ? { kind: 'badnet', patchSize: 4, value: 1 } : defaultAttack(kind);
    expect(checksum(applyTrigger(spec, batch))).toBe(expected);
  });

  it('explicit bottom-right x/y equals the default corner', () => {
    const spec: AttackSpec = { kind: 'badnet', patchSize: 3, value: 1, x: 25, y: 25 };
    expect(checksum(applyTrigger(spec, batch))).toBe(checksum(applyTrigger(defaultAttack('badnet'), batch)));
  });
});
