import type { DefenseKind } from '../../engine/settings';
import type { RunSettings } from '../../store/run-slice';

export const DEFENSES: [DefenseKind, string][] = [
  ['tsc', 'TSC (two-stage symmetry connectivity)'],
  ['mcr', 'MCR (curve to a fine-tuned copy)'],
  ['ft', 'Fine-tuning on the clean subset'],
  ['line', 'Straight line to the un-aligned copy'],
];

export interface NumberFieldSpec {
  testId: string;
  label: string;
  min: number;
  max: number;
  step: number;
  read: (s: RunSettings) => number;
  write: (v: number) => Partial<RunSettings>;
}

const whole = (key: 'rounds' | 'curveEpochs' | 'seed' | 'evalSamples' | 'testSamples') => ({
  read: (s: RunSettings) => s[key],
  write: (v: number) => ({ [key]: Math.round(v) }),
});

/** The numeric knobs, as a table (the clean subset is shown in percent, stored as a fraction). */
export const NUMBER_FIELDS: NumberFieldSpec[] = [
  { testId: 'rounds-input', label: 'rounds', min: 1, max: 10, step: 1, ...whole('rounds') },
  { testId: 'curve-epochs-input', label: 'curve epochs', min: 1, max: 1000, step: 1, ...whole('curveEpochs') },
  { testId: 'curve-lr-input', label: 'curve lr', min: 0.001, max: 10, step: 0.001, read: (s) => s.curveLr, write: (v) => ({ curveLr: v }) },
  { testId: 'output-t-input', label: 'output t', min: 0, max: 1, step: 0.05, read: (s) => s.t, write: (v) => ({ t: v }) },
  {
    testId: 'clean-fraction-input',
    label: 'clean subset %',
    min: 0.5,
    max: 100,
    step: 0.5,
    read: (s) => Math.round(s.cleanFraction * 1000) / 10,
    write: (v) => ({ cleanFraction: v / 100 }),
  },
  { testId: 'seed-input', label: 'seed', min: 0, max: 1e6, step: 1, ...whole('seed') },
  { testId: 'eval-samples-input', label: 'curve-eval images', min: 50, max: 10000, step: 50, ...whole('evalSamples') },
  { testId: 'test-samples-input', label: 'ACC/ASR images (0 = all)', min: 0, max: 10000, step: 100, ...whole('testSamples') },
];
