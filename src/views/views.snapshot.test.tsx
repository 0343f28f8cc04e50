// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../store/store';
import type { AppActions } from '../app/actions';
import { LossCurve } from './loss-curve/LossCurve';
import { LossPlane } from './loss-plane/LossPlane';
import { PermutationMatrix } from './permutation/PermutationMatrix';
import { ResultsTable } from './ResultsTable';
import { RunPanel } from './run-panel/RunPanel';
import { SamplesGrid } from './SamplesGrid';
import { TControl } from './TControl';
import { curve, entry, planeResult, samples, stage, trace } from './test/fixtures';
import { htmlOf, renderMarkup, svgOf } from './test/markup';

/**
 * What the views render for fixed store states, one file per view and state under __snapshots__/:
 * the plots as standalone .svg documents (D3's axes included; open one in a browser to see the
 * picture), the HTML views as .html fragments. A changed file is a change of what a person sees:
 * review it, then update with `npx vitest run src/views -u`.
 */

const actions = { preview: vi.fn(), control: vi.fn(), run: vi.fn(), cancel: vi.fn(), lossPlane: vi.fn(), cancelPlane: vi.fn() } as unknown as AppActions;
const click = (selector: string) => (host: HTMLElement) => host.querySelector<HTMLElement>(selector)?.click();

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({
    models: [entry],
    selectedModelId: entry.id,
    backend: { name: 'webgl', fallbackReasons: [], detail: '' },
    status: 'done',
    runId: 1,
    runModelId: entry.id,
    stages: [stage(1), stage(2)],
    selected: { round: 1, stage: 1, layer: 0 },
    viewT: 0.25,
  });
});

afterEach(() => vi.restoreAllMocks());

describe('view snapshots', () => {
  it('loss along the curve, log-scale loss: both stages, the selected one strong with its dashed straight line', async () => {
    const svg = renderMarkup(<LossCurve />, svgOf);
    expect(svg.match(/class="curve-point"/g)?.length).toBe(2 * 2 * 21); // 2 stages × clean/poisoned × 21 t
    await expect(svg).toMatchFileSnapshot('./__snapshots__/loss-curve-log.svg');
  });

  it('loss along the curve, linear loss', async () => {
    const svg = renderMarkup(<LossCurve />, svgOf, click('.plot-toolbar input[type="checkbox"]'));
    await expect(svg).toMatchFileSnapshot('./__snapshots__/loss-curve-linear.svg');
  });

  it('loss along the curve while stage 2 trains: its growing curve is live', async () => {
    useAppStore.setState({ status: 'running', stages: [stage(1)], liveCurves: { '1/2': curve(0.1, 9) }, selected: { round: 1, stage: 2, layer: 0 } });
    const svg = renderMarkup(<LossCurve />, svgOf);
    expect(svg.match(/data-live="true"/g)?.length).toBe(2 * 9);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/loss-curve-live.svg');
  });

  it('loss plane: 3×3 grid, curve, the three points, output and current t', async () => {
    useAppStore.setState({ plane: { requestId: 1, round: 1, stage: 1, status: 'done', error: null, result: planeResult } });
    const svg = renderMarkup(<LossPlane actions={actions} />, svgOf);
    expect(svg.match(/class="plane-cell"/g)?.length).toBe(2 * 3 * 3);
    await expect(svg).toMatchFileSnapshot('./__snapshots__/loss-plane.svg');
    await expect(renderMarkup(<LossPlane actions={actions} />, htmlOf)).toMatchFileSnapshot('./__snapshots__/loss-plane.html');
  });

  // The correlation matrix is a <canvas>, which happy-dom does not rasterise (getContext('2d') is null
  // there): this snapshot holds the panel's markup (layer tabs, the canvas element, legend, statistics).
  it('permutation matrix of stage 1, first layer', async () => {
    await expect(renderMarkup(<PermutationMatrix />, htmlOf)).toMatchFileSnapshot('./__snapshots__/permutation-matrix.html');
  });

  it('results table: backdoored model, both stages, inter-round fine-tuning, final', async () => {
    useAppStore.setState({ trace, rounds: trace.rounds });
    await expect(renderMarkup(<ResultsTable />, htmlOf)).toMatchFileSnapshot('./__snapshots__/results-table.html');
  });

  it('t control: slider and the read-out of the selected stage at t', async () => {
    await expect(renderMarkup(<TControl actions={actions} />, htmlOf)).toMatchFileSnapshot('./__snapshots__/t-control.html');
    expect(actions.preview).toHaveBeenCalledWith(1, 1, 0.25);
  });

  it('samples grid: predictions of θ(t) on the selected curve', async () => {
    useAppStore.setState({
      evaluation: { requestId: 1, modelId: entry.id, backend: 'webgl', acc: 0.97, asr: 1, cleanCount: 10000, poisonedCount: 9020, seconds: 2, ...samples },
    });
    useAppStore.setState({ preview: { requestId: 2, round: 1, stage: 1, t: 0.25, ...samples } });
    await expect(renderMarkup(<SamplesGrid />, htmlOf)).toMatchFileSnapshot('./__snapshots__/samples-grid.html');
  });

  it('run panel, idle', async () => {
    await expect(renderMarkup(<RunPanel actions={actions} />, htmlOf)).toMatchFileSnapshot('./__snapshots__/run-panel.html');
  });

  it('run panel while a run goes, after Pause was pressed', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_060_000); // 60 s after the start: 40 s left at 60 %
    useAppStore.setState({
      status: 'running',
      runProgress: { round: 1, stage: 2, phase: 'fitting curve', epoch: 5, epochs: 20, fraction: 0.6, startedAt: 1_000_000 },
    });
    const html = renderMarkup(<RunPanel actions={actions} />, htmlOf, click('[data-testid="pause-button"]'));
    expect(actions.control).toHaveBeenCalledWith('pause');
    await expect(html).toMatchFileSnapshot('./__snapshots__/run-panel-running.html');
  });
});
