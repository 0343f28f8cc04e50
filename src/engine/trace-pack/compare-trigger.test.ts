import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace';
import { compareTracePacks } from './compare';
import { unpackTracePack, type TracePack, type UnpackedTracePack } from './pack';

const read = () => unpackTracePack(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'mnist-cnn-badnet.tsc.json'), 'utf8')) as TracePack);
const recipe: NonNullable<Trace['trigger']> = { spec: { kind: 'badnet', patchSize: 3, value: 1 }, target: 0 };
const recording = (pack: UnpackedTracePack, trigger: Trace['trigger']): UnpackedTracePack => ({ ...pack, trace: { ...pack.trace, trigger } });

describe('compareTracePacks and the trigger a trace records', () => {
  it('a shipped pack from before traces recorded their trigger matches a recomputation that records one', () => {
    expect(compareTracePacks(read(), recording(read(), recipe)).mismatches).toEqual([]);
  });

  it('two packs that record different triggers or targets differ', () => {
    const bigger = compareTracePacks(recording(read(), recipe), recording(read(), { ...recipe, spec: { kind: 'badnet', patchSize: 4, value: 1 } }));
    expect([bigger.maxAbsDiff, bigger.worstPath]).toEqual([1, '.trace.trigger.spec.patchSize']);
    const elsewhere = compareTracePacks(recording(read(), recipe), recording(read(), { ...recipe, target: 3 }));
    expect([elsewhere.maxAbsDiff, elsewhere.worstPath]).toEqual([3, '.trace.trigger.target']);
    const blended = compareTracePacks(recording(read(), recipe), recording(read(), { spec: { kind: 'blended', alpha: 0.2, patternSeed: 1 }, target: 0 }));
    expect(blended.mismatches[0]).toBe('.trace.trigger.spec.kind: "badnet" vs "blended"');
  });
});
