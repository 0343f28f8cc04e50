import { describe, expect, it } from 'vitest';
import { PIXELS } from '../engine/data/datasets';
import { defaultAttack, type AttackKind } from '../engine/attacks';
import { parseTrigger } from './trigger';

const picture = (value: number) => new Array<number>(PIXELS).fill(value);
const messageOf = (input: unknown) => {
  const r = parseTrigger(input);
  return r.ok ? 'accepted' : r.message;
};

describe('custom trigger parsing (parseTrigger)', () => {
  it.each(['badnet', 'blended', 'sig', 'wanet'] as AttackKind[])('accepts the %s default unchanged', (kind) => {
    expect(parseTrigger(defaultAttack(kind))).toEqual({ ok: true, spec: defaultAttack(kind) });
  });

  it('accepts a BadNet anywhere it fits, and custom patches and blends', () => {
    expect(parseTrigger({ kind: 'badnet', patchSize: 5, value: 1, x: 0, y: 23 }).ok).toBe(true);
    expect(parseTrigger({ kind: 'custom-patch', pattern: picture(1), mask: picture(0.5), x: -3, y: 27 }).ok).toBe(true);
    expect(parseTrigger({ kind: 'custom-blend', image: picture(0.2), alpha: 0.1 }).ok).toBe(true);
  });

  it.each([
    [null, 'trigger is null, expected an object with a kind and its parameters'],
    [{ kind: 'trojan' }, 'trigger kind is "trojan", expected one of badnet, blended, sig, wanet, custom-patch, custom-blend'],
    [{ kind: 'badnet', patchSize: 40, value: 1 }, 'trigger patchSize is 40, expected an integer from 1 to 28'],
    [{ kind: 'badnet', patchSize: 4, value: 1, x: 25 }, 'trigger x is 25, expected at most 24 so that a 4×4 patch fits in 28×28'],
    [{ kind: 'blended', alpha: 0, patternSeed: 1 }, 'trigger alpha is 0, expected a number > 0 and ≤ 1'],
    [{ kind: 'sig', amplitude: 0.1 }, 'trigger frequency is missing, expected a number > 0 and ≤ 28'],
    [
      { kind: 'custom-patch', pattern: [1, 0], mask: picture(1), x: 0, y: 0 },
      'trigger pattern is a list of 2 values, expected 784 numbers from 0 to 1 (28×28, row by row)',
    ],
    [
      { kind: 'custom-patch', pattern: picture(1), mask: Object.assign(picture(1), { 9: 2 }), x: 0, y: 0 },
      'trigger mask value 10 is 2, expected a number from 0 to 1',
    ],
    [{ kind: 'custom-patch', pattern: picture(1), mask: picture(1), x: 28, y: 0 }, 'trigger x is 28, expected an integer from -27 to 27'],
    [{ kind: 'custom-blend', image: picture(Number.NaN), alpha: 0.1 }, 'trigger image value 1 is NaN, expected a number from 0 to 1'],
  ])('rejects %j: %s', (input, message) => {
    expect(messageOf(input)).toBe(message);
  });
});
