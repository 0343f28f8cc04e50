// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StageRecord } from '../engine/trace';
import { initialRunState, QUICK_DEMO } from '../store/run-slice';
import { useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';
import { LossCurve } from './LossCurve';
import { LossPlane } from './LossPlane';
import { ResultsTable } from './ResultsTable';

/**
 * Snapshots of the SVG the views render for a fixed store state, D3's axes included (a DOM from
 * happy-dom). A change to a snapshot is a change of what a person sees: review it, then update
 * with `npx vitest run -u src/views`.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render(node: React.ReactNode): string {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(node));
  const html = host.innerHTML.replace(/></g, '>\n<'); // one element a line: reviewable diffs
  act(() => root.unmount());
  return html;
}

const curve = (scale: number) =>
  Array.from({ length: 21 }, (_, k) => {
    const t = k / 20;
    const bump = Math.sin(Math.PI * t);
    return { t, cleanLoss: 0.1 + 0.2 * bump, poisonedLoss: 0.01 + scale * bump, acc: 0.96 - 0.03 * bump, asr: 1 - 0.7 * bump };
  });

const stage = (s: 1 | 2): StageRecord => ({
  round: 1,
  stage: s,
  kind: s === 1 ? 'unalign-connect' : 'align-connect',
  permutation: null,
  curve: curve(s === 1 ? 0.3 : 0.1),
  line: curve(s === 1 ? 5 : 2),
  output: { t: 0.4, acc: 0.93, asr: s === 1 ? 0.4 : 0.3 },
  timings: { permuteMs: 1, fitMs: 2, evalMs: 3, steps: 4, msPerStep: 0.5 },
});

beforeEach(() => {
  useAppStore.setState({
    ...initialRunState(QUICK_DEMO),
    status: 'done',
    runId: 1,
    stages: [stage(1), stage(2)],
    selected: { round: 1, stage: 1, layer: 0 },
    viewT: 0.25,
  });
});

describe('view snapshots', () => {
  it('loss along the curve: both stages, the selected one strong with its dashed straight line', () => {
    const html = render(<LossCurve />);
    expect(html.match(/class="curve-point"/g)?.length).toBe(2 * 2 * 21); // 2 stages × clean/poisoned × 21 t
    expect(html).toMatchSnapshot();
  });

  it('loss plane: 3×3 grid, curve, the three points, output and current t', () => {
    const n = 3;
    useAppStore.setState({
      plane: {
        requestId: 1,
        round: 1,
        stage: 1,
        status: 'done',
        error: null,
        result: {
          requestId: 1,
          round: 1,
          stage: 1,
          coords: { a: [0, 0], c: [1, 1], b: [2, 0] },
          grid: {
            n,
            xs: [-0.5, 1, 2.5],
            ys: [-0.5, 0.5, 1.5],
            clean: [0.1, 0.2, 0.1, 0.3, 0.4, 0.3, 1, 2, 1],
            poisoned: [0.01, 3, 0.01, 0.5, 6, 0.5, 2, 9, 2],
          },
          equalAxes: true,
          done: 9,
          total: 9,
          cleanCount: 100,
          poisonedCount: 90,
          seconds: 1.5,
          finished: true,
        },
      },
    });
    const html = render(<LossPlane actions={{} as AppActions} />);
    expect(html.match(/class="plane-cell"/g)?.length).toBe(2 * n * n);
    expect(html).toMatchSnapshot();
  });

  it('results table rows for both stages', () => {
    expect(render(<ResultsTable />)).toMatchSnapshot();
  });
});
