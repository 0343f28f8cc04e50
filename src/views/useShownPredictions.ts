import { useMemo } from 'react';
import { precomputedPreview } from '../store/precomputed-view';
import { selectedEntry, selectedStage, useAppStore } from '../store/store';
import type { EvaluationResult, PreviewFailure, PreviewResult } from '../protocol/messages';

export interface ShownPredictions {
  /** θ(t)'s predictions, or the backdoored model's, or null while neither exists */
  shown: PreviewResult | EvaluationResult | null;
  /** shown is θ(t) on the selected curve */
  onCurve: boolean;
  /** the worker has not caught up with t or the stage yet */
  stale: boolean;
  /** 'precomputed' (the pack's table), 'worker' (a live run's preview) or 'evaluation' */
  source: 'precomputed' | 'worker' | 'evaluation';
  /** the worker's latest θ(t) preview of the selected stage failed: shown in place of older predictions */
  failure: PreviewFailure | null;
}

/**
 * Which predictions the samples grid shows: a precomputed run's table at the nearest t (at once,
 * no worker), a live run's θ(t) preview from the worker, else the evaluation of the backdoored model.
 */
export function useShownPredictions(): ShownPredictions {
  const entry = useAppStore(selectedEntry);
  const evaluation = useAppStore((s) => s.evaluation);
  const preview = useAppStore((s) => (s.runModelId === s.selectedModelId ? s.preview : null));
  const previewError = useAppStore((s) => (s.runModelId === s.selectedModelId ? s.previewError : null));
  const viewT = useAppStore((s) => s.viewT);
  const selected = useAppStore((s) => s.selected);
  const stageDone = useAppStore((s) => s.runModelId === s.selectedModelId && selectedStage(s) !== undefined);
  const restored = useAppStore((s) => s.restored !== null);
  const precomputed = useAppStore((s) => (s.precomputed?.modelId === s.selectedModelId ? s.precomputed : null));
  const table = useMemo(
    () => (precomputed && stageDone ? precomputedPreview(precomputed, selected.round, selected.stage, viewT) : null),
    [precomputed, stageDone, selected.round, selected.stage, viewT],
  );
  const evaluated = evaluation && entry && evaluation.modelId === entry.id ? evaluation : null;
  if (table) return { shown: table, onCurve: true, stale: false, source: 'precomputed', failure: null };
  const live = !restored && !precomputed && stageDone;
  if (!live) return { shown: evaluated, onCurve: false, stale: false, source: 'evaluation', failure: null };
  const stale = !preview || preview.t !== viewT || preview.round !== selected.round || preview.stage !== selected.stage;
  // a failure of another stage (the run moved the selection on) says nothing about this one
  const failure = previewError?.round === selected.round && previewError.stage === selected.stage ? previewError : null;
  return preview
    ? { shown: preview, onCurve: true, stale, source: 'worker', failure }
    : { shown: evaluated, onCurve: false, stale, source: 'evaluation', failure };
}
