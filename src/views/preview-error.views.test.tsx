// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../store/store';
import { SamplesGrid } from './SamplesGrid';
import { entry, samples, stage } from './test/fixtures';
import './test/markup'; // React's act() environment

const failure = { requestId: 3, round: 1, stage: 1, t: 0.3, message: 'Failed to fetch http://x/data/mnist-test.bin' };

function mount() {
  const host = document.createElement('div');
  const root = createRoot(host);
  act(() => root.render(<SamplesGrid />));
  return { host, unmount: () => act(() => root.unmount()) };
}
const errorText = (host: HTMLElement) => host.querySelector('[data-testid="preview-error"]')?.textContent ?? null;
const sampleCount = (host: HTMLElement) => host.querySelectorAll('[data-testid^="sample-"]').length;

// A live run with both stages done and θ(0.25) of stage 1 on screen.
beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({
    models: [entry],
    selectedModelId: entry.id,
    status: 'done',
    runId: 1,
    runModelId: entry.id,
    stages: [stage(1), stage(2)],
    selected: { round: 1, stage: 1, layer: 0 },
    viewT: 0.3,
    preview: { requestId: 2, round: 1, stage: 1, t: 0.25, ...samples },
  });
});

describe('a failed θ(t) preview in the samples grid', () => {
  it('shows the worker’s message in place of the older predictions', () => {
    const { host, unmount } = mount();
    expect([errorText(host), sampleCount(host)]).toEqual([null, 4]);
    act(() => useAppStore.getState().failPreview(failure));
    expect([errorText(host), sampleCount(host)]).toEqual(['Predictions at t = 0.300 failed: Failed to fetch http://x/data/mnist-test.bin', 0]);
    unmount();
  });

  it('goes when a preview succeeds or another stage is selected', () => {
    const { host, unmount } = mount();
    act(() => useAppStore.getState().failPreview(failure));
    act(() => useAppStore.getState().setPreview({ requestId: 4, round: 1, stage: 1, t: 0.3, ...samples }));
    expect([errorText(host), sampleCount(host)]).toEqual([null, 4]);
    act(() => useAppStore.getState().failPreview(failure));
    act(() => useAppStore.getState().selectStage(1, 2));
    expect(errorText(host)).toBeNull();
    unmount();
  });

  it('says nothing of a stage other than the one selected', () => {
    useAppStore.setState({ previewError: { ...failure, stage: 2 } });
    const { host, unmount } = mount();
    expect([errorText(host), sampleCount(host)]).toEqual([null, 4]);
    unmount();
  });
});
