import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { applyTrigger, defaultAttack } from '../../src/engine/attacks';
import { PIXELS, SIDE } from '../../src/engine/data/datasets';
import { UsageError } from './cli';
import { parseTriggerArg } from './trigger-arg';

/** An in-memory folder for the files a spec names. */
const files = (entries: Record<string, Uint8Array | string>) => (path: string) => {
  const f = entries[path];
  if (f === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return typeof f === 'string' ? new TextEncoder().encode(f) : f;
};

/** A w×h PNG, every pixel the same RGBA (or gray+alpha with 2 channels). */
const png = (w: number, h: number, pixel: number[]) =>
  encode({ width: w, height: h, channels: pixel.length, depth: 8, data: Uint8Array.from({ length: w * h * pixel.length }, (_, i) => pixel[i % pixel.length]) });

const messageOf = (spec: string, read = files({})) => {
  try {
    parseTriggerArg(spec, read);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  return 'accepted';
};

describe('custom trigger parsing, CLI (parseTriggerArg): good specs', () => {
  it.each(['badnet', 'blended', 'sig', 'wanet'] as const)('"%s" alone is the built-in default', (kind) => {
    expect(parseTriggerArg(kind)).toEqual(defaultAttack(kind));
  });

  it('reads each built-in parameter', () => {
    expect(parseTriggerArg('badnet:size=4,x=24,y=0,value=0.5')).toEqual({ kind: 'badnet', patchSize: 4, value: 0.5, x: 24, y: 0 });
    expect(parseTriggerArg('blended:alpha=0.1')).toEqual({ kind: 'blended', alpha: 0.1, patternSeed: 1234 });
    expect(parseTriggerArg('sig:delta=20,freq=3')).toEqual({ kind: 'sig', amplitude: 20 / 255, frequency: 3 });
    expect(parseTriggerArg('wanet:k=8,s=1,seed=7,noise=true,cross=1')).toEqual({
      kind: 'wanet',
      k: 8,
      strength: 1,
      fieldSeed: 7,
      noiseMode: true,
      crossRatio: 1,
    });
  });

  it('sig:delta=20 is bit-identical to the zoo SIG', () => {
    const x = new Float32Array(PIXELS).fill(0.5);
    expect(applyTrigger(parseTriggerArg('sig:delta=20,freq=6'), x)).toEqual(applyTrigger(defaultAttack('sig'), x));
  });

  it('patch from a PNG with alpha: a 3×3 white picture at x 25, y 25 is the zoo BadNet', () => {
    const spec = parseTriggerArg('patch:p.png,x=25,y=25', files({ 'p.png': png(3, 3, [255, 255, 255, 255]) }));
    const x = new Float32Array(2 * PIXELS).fill(0.25);
    expect(applyTrigger(spec, x)).toEqual(applyTrigger(defaultAttack('badnet'), x));
  });

  it('patch from JSON, as 28 rows of 28', () => {
    const rows = (v: number) => Array.from({ length: SIDE }, () => new Array<number>(SIDE).fill(v));
    const spec = parseTriggerArg('patch:p.json,x=-2', files({ 'p.json': JSON.stringify({ pattern: rows(1), mask: rows(0) }) }));
    expect(spec).toMatchObject({ kind: 'custom-patch', x: -2, y: 0 });
  });

  it('a 16-bit gray PNG reads as the same levels as an 8-bit one', () => {
    const wide = encode({ width: 28, height: 28, channels: 1, depth: 16, data: new Uint16Array(PIXELS).fill(51 * 257) });
    const spec = parseTriggerArg('blend:w.png', files({ 'w.png': wide }));
    expect(spec.kind === 'custom-blend' && spec.image.every((v) => Math.abs(v - 0.2) < 1e-9)).toBe(true);
  });

  it('blend from a 28×28 gray PNG, with alpha', () => {
    const spec = parseTriggerArg('blend:k.png,alpha=0.3', files({ 'k.png': png(28, 28, [51, 255]) }));
    expect(spec.kind === 'custom-blend' && spec.alpha).toBe(0.3);
    expect(spec.kind === 'custom-blend' && spec.image.every((v) => Math.abs(v - 0.2) < 1e-9)).toBe(true);
  });
});

describe('custom trigger parsing, CLI (parseTriggerArg): bad specs, exact messages', () => {
  it.each([
    ['trojan', '--trigger: unknown trigger "trojan" (known: badnet, blended, sig, wanet, patch, blend)'],
    ['badnet:size=40', '--trigger badnet: size is 40, expected an integer from 1 to 28'],
    ['badnet:size=4,x=25', '--trigger badnet: x is 25, expected at most 24 so that a 4×4 patch fits in 28×28'],
    ['badnet:sz=4', '--trigger badnet: unknown parameter "sz" (known: size, x, y, value; e.g. badnet:size=4,x=24,y=24,value=1)'],
    ['badnet:size', '--trigger badnet: size needs a value (size=…)'],
    ['badnet:size=3,size=4', '--trigger badnet: size given twice'],
    ['blended:alpha=lots', '--trigger blended: alpha expects a number, got "lots"'],
    ['blended:alpha=0', '--trigger blended: alpha is 0, expected a number > 0 and ≤ 1'],
    ['sig:delta=300', '--trigger sig: delta is 300, expected a number > 0 and ≤ 255 (gray levels)'],
    ['wanet:noise=yes', '--trigger wanet: noise expects true or false, got "yes"'],
    ['patch', '--trigger patch: needs a file first (patch:<file.png|file.json>,x=0,y=0)'],
    ['patch:x=3', '--trigger patch: needs a file first (patch:<file.png|file.json>,x=0,y=0)'],
    ['patch:gone.png', '--trigger patch: cannot read gone.png (ENOENT)'],
  ])('%s', (spec, message) => {
    expect(messageOf(spec)).toBe(message);
  });

  it.each([
    ['patch:t.png', { 't.png': 'hello' }, '--trigger patch: t.png is not a PNG file'],
    ['patch:big.png', { 'big.png': png(29, 2, [0, 255]) }, '--trigger patch: big.png: a patch picture must be at most 28×28 pixels, got 29×2'],
    ['blend:small.png', { 'small.png': png(27, 28, [0, 255]) }, '--trigger blend: small.png: a blend picture must be 28×28 pixels, got 27×28'],
    ['patch:p.json', { 'p.json': '{"pattern": [1]' }, '--trigger patch: p.json is not valid JSON'],
    ['patch:p.json', { 'p.json': '[]' }, '--trigger patch: p.json must hold an object with pattern and mask (784 numbers, or 28 rows of 28)'],
    [
      'patch:p.json',
      { 'p.json': '{"pattern": [1, 0]}' },
      '--trigger patch: p.json: pattern is a list of 2 values, expected 784 numbers from 0 to 1 (28×28, row by row)',
    ],
    [
      'blend:b.json',
      { 'b.json': JSON.stringify({ image: new Array(PIXELS).fill(2) }) },
      '--trigger blend: b.json: image value 1 is 2, expected a number from 0 to 1',
    ],
  ])('%s (%#)', (spec, entries, message) => {
    expect(messageOf(spec, files(entries))).toBe(message);
  });
});
