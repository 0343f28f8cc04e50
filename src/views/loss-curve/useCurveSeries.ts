import { useMemo } from 'react';
import type { CurvePointRecord } from '../../engine/evaluate';
import { stageKey } from '../../engine/trace';
import { useAppStore } from '../../store/store';

/** One stage's curve as drawn: its points along t, its straight line, and whether it still trains. */
export interface Series {
  key: string;
  round: number;
  stage: number;
  points: CurvePointRecord[];
  line: CurvePointRecord[];
  live: boolean;
}

/** Every finished stage's curve, then the growing curves of stages that have not finished yet. */
export function useCurveSeries(): Series[] {
  const stages = useAppStore((s) => s.stages);
  const live = useAppStore((s) => s.liveCurves);
  return useMemo(() => {
    const done = stages.map((s) => ({ key: stageKey(s.round, s.stage), round: s.round, stage: s.stage, points: s.curve, line: s.line, live: false }));
    const growing = Object.entries(live)
      .filter(([key]) => !done.some((d) => d.key === key))
      .map(([key, points]) => {
        const [round, stage] = key.split('/').map(Number); // the inverse of stageKey
        return { key, round, stage, points, line: [], live: true };
      });
    return [...done, ...growing];
  }, [stages, live]);
}
