import type { DefenseResult } from '../../app/results-bundle';
import type { HistorySummary } from '../../schema/run-history';
import { formatPercent } from '../format';

/** One mark of the ACC vs ASR chart: a model after a defense, from the zoo's results/ or from the user's history. */
export interface AccAsrPoint {
  key: string;
  model: string;
  defense: string;
  acc: number;
  asr: number;
  source: 'zoo' | 'yours';
  /** the mark's tooltip */
  title: string;
}

const rates = (acc: number, asr: number) => `ACC ${formatPercent(acc)}, ASR ${formatPercent(asr)}`;

/** The zoo's results (one per model × defense), then the user's saved runs (one each, named). */
export function accAsrPoints(zoo: DefenseResult[], history: HistorySummary[]): AccAsrPoint[] {
  return [
    ...zoo.map((r): AccAsrPoint => ({
      key: `zoo:${r.model}:${r.defense}`,
      model: r.model,
      defense: r.defense,
      acc: r.after.acc,
      asr: r.after.asr,
      source: 'zoo',
      title: `${r.model} · ${r.defense} (results/): ${rates(r.after.acc, r.after.asr)}`,
    })),
    ...history.map((h): AccAsrPoint => ({
      key: `yours:${h.id}`,
      model: h.modelId,
      defense: h.defense,
      acc: h.after.acc,
      asr: h.after.asr,
      source: 'yours',
      title: `your run "${h.name}" (${h.modelId} · ${h.defense}): ${rates(h.after.acc, h.after.asr)}`,
    })),
  ];
}
