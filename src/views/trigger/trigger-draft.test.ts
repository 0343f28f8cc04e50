import { describe, expect, it } from 'vitest';
import { applyTrigger, defaultAttack } from '../../engine/attacks';
import type { TriggerKind } from '../../engine/attacks/types';
import { PIXELS } from '../../engine/data/datasets';
import { parseTrigger } from '../../schema/trigger';
import { freshTrigger, PARAM_FIELDS, paramValue, withParam } from './trigger-draft';

const KINDS = Object.keys(PARAM_FIELDS) as TriggerKind[];

describe('trigger editor drafts', () => {
  it.each(KINDS)('a fresh %s is a valid trigger whose fields all show a number', (kind) => {
    const spec = freshTrigger(kind);
    expect(parseTrigger(spec).ok).toBe(true);
    for (const f of PARAM_FIELDS[kind]) expect(Number.isFinite(paramValue(spec, f.key)), f.key).toBe(true);
  });

  it('a fresh BadNet draws exactly the zoo recipe', () => {
    const x = new Float32Array(PIXELS).fill(0.3);
    expect(applyTrigger(freshTrigger('badnet'), x)).toEqual(applyTrigger(defaultAttack('badnet'), x));
  });

  it('keeps a valid edit and refuses one that breaks a rule, in words', () => {
    const moved = withParam(freshTrigger('badnet'), 'x', 0);
    expect(moved.ok && moved.spec).toMatchObject({ kind: 'badnet', x: 0, y: 25 });
    const grown = withParam(freshTrigger('badnet'), 'patchSize', 5);
    expect(grown.ok && grown.spec).toMatchObject({ patchSize: 5, x: 23, y: 23 });
    expect(withParam(freshTrigger('blended'), 'alpha', 0)).toEqual({ ok: false, message: 'trigger alpha is 0, expected a number > 0 and ≤ 1' });
  });
});
