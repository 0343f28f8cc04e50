import * as v from 'valibot';
import type { TrapReplaceSettings } from '../engine/defenses/trap-replace';
import { intIn, numberIn, type FieldSchemas } from './fields';

/* The ranges of Trap and Replace's settings: npm run trap-replace checks its flags against them (scripts/lib/trap-replace-args.ts). */

/** Trap and Replace's settings and their ranges (src/engine/defenses/trap-replace.ts). */
export const TRAP_REPLACE_FIELDS: FieldSchemas<TrapReplaceSettings> = {
  holdoutFraction: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
  stage1Epochs: intIn(1, 1000),
  stage1Lr: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  stage1BatchSize: intIn(1, 4096),
  mseWeight: numberIn(0, 1000),
  tvWeight: numberIn(0, 1000),
  stage2Epochs: intIn(1, 1000),
  stage2Lr: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  stage2BatchSize: intIn(1, 4096),
  labelSmoothing: v.pipe(v.number(), v.minValue(0), v.ltValue(1)),
  weightDecay: numberIn(0, 1),
  seed: intIn(0, 2 ** 31 - 1),
};
