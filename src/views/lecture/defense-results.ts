import type { DefenseKind, TscSettings } from '../../engine/settings';
import type { AccAsr } from '../../engine/trace';
import { formatCount } from '../format';

/** One results/<model>.<defense>.json, as `npm run results` writes it. */
export interface DefenseSummary {
  model: string;
  defense: DefenseKind;
  settings: TscSettings;
  before: AccAsr;
  after: AccAsr;
  wallSeconds: number;
  backend: string;
  cleanSubsetSize: number;
  testSet: { clean: number; poisoned: number };
}

const FILES = import.meta.glob<unknown>('../../../results/*.json', { eager: true, import: 'default' });

const isAccAsr = (v: unknown): v is AccAsr => typeof v === 'object' && v !== null && 'acc' in v && 'asr' in v;
const isSummary = (v: unknown): v is DefenseSummary =>
  typeof v === 'object' &&
  v !== null &&
  'model' in v &&
  'defense' in v &&
  'settings' in v &&
  'before' in v &&
  isAccAsr(v.before) &&
  'after' in v &&
  isAccAsr(v.after);

export const SUMMARIES: DefenseSummary[] = Object.values(FILES).filter(isSummary);

/** The comparison's rows, in this order. */
export const DEFENSES: { kind: DefenseKind; name: string }[] = [
  { kind: 'none', name: 'no defense' },
  { kind: 'tsc', name: 'TSC' },
  { kind: 'mcr', name: 'MCR' },
  { kind: 'ft', name: 'FT' },
];

/** The measured summaries of one model, in DEFENSES order (missing defenses left out). */
export function summariesOf(model: string, all: DefenseSummary[] = SUMMARIES): DefenseSummary[] {
  return DEFENSES.flatMap(({ kind }) => all.filter((r) => r.model === model && r.defense === kind));
}

/** The SGD budget of a run on the clean subset D_c (FT gets as many epochs as TSC's curves). */
export function budgetOf({ defense, settings: s }: DefenseSummary): string {
  if (defense === 'none') return '–';
  if (defense === 'ft') return `${s.rounds * 2 * s.curveEpochs} epochs`;
  if (defense === 'mcr') return `${s.curveEpochs} curve + ${s.mcrEndpointEpochs} end-point epochs`;
  return `${s.rounds} rounds × 2 curves × ${s.curveEpochs} epochs`;
}

/** What the runs share, in one line: clean data, test images, backend. */
export function settingsSummary(rows: DefenseSummary[]): string {
  const r = rows.find((x) => x.defense === 'tsc') ?? rows[0];
  if (!r) return '';
  const share = `${Math.round(r.settings.cleanFraction * 1000) / 10} %`;
  return `clean subset D_c = ${formatCount(r.cleanSubsetSize)} images (${share}), output t = ${r.settings.t}, seed ${r.settings.seed}; ACC on ${formatCount(r.testSet.clean)} clean and ASR on ${formatCount(r.testSet.poisoned)} triggered non-target test images; Node, ${r.backend}`;
}
