import type { AccAsr, RoundRecord, StageRecord, Trace } from '../engine/trace';

export interface ResultRow extends AccAsr {
  label: string;
}

/** The rows of the results table (src/views/ResultsTable.tsx): before, every stage's output, every fine-tuning, after. */
export function resultRows(trace: Trace | null, stages: StageRecord[], rounds: RoundRecord[]): ResultRow[] {
  const rows: ResultRow[] = [];
  const row = (label: string, m: AccAsr) => rows.push({ label, acc: m.acc, asr: m.asr });
  if (trace) row('backdoored model (no defense)', trace.before);
  for (const s of stages)
    row(`round ${s.round} · ${s.kind === 'unalign-connect' ? 'θ_t1' : s.kind === 'align-connect' ? 'θ_t2' : s.kind} at t = ${s.output.t}`, s.output);
  for (const r of rounds) if (r.finetuned) row(`round ${r.round} · θ_t2 after inter-round fine-tuning`, r.finetuned);
  if (trace) row(`final (${trace.defense.toUpperCase()})`, trace.after);
  return rows;
}
