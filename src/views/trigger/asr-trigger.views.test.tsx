// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { createActions } from '../../app/actions';
import type { DescribedTrigger } from '../../protocol/messages';
import { useAppStore } from '../../store/store';
import { ResultsTable } from '../ResultsTable';
import { entry, stage, trace } from '../test/fixtures';
import '../test/markup'; // React's act() environment

const SQUARE = { kind: 'badnet' as const, patchSize: 5, value: 1, x: 0, y: 23 };
const described = (host: HTMLElement) => host.querySelector('[data-testid="asr-trigger"]')?.textContent ?? null;

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<ResultsTable />));
  return { host, unmount: () => act(() => (root.unmount(), host.remove())) };
}

/** A client that records what the page sends and, like the real one, tells the store a run started. */
function recordingClient() {
  const sent: (DescribedTrigger | undefined)[] = [];
  const client = {
    run: (e: typeof entry, _files: unknown, _settings: unknown, trigger?: DescribedTrigger) => {
      sent.push(trigger);
      useAppStore.getState().startRun(sent.length, e.id);
      return sent.length;
    },
  } as unknown as Parameters<typeof createActions>[0];
  return { client, sent };
}

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({ models: [entry], selectedModelId: entry.id });
});

describe('the ASR figures say which trigger measured them', () => {
  it('a precomputed trace (no trigger recorded) is labelled with the zoo trigger', () => {
    useAppStore.setState({ trace });
    const { host, unmount } = mount();
    expect(described(host)).toBe('ASR measured with the zoo trigger: BadNet 3×3 white patch (bottom-right) → class 0');
    unmount();
  });

  it('Run with nothing described sends no trigger: the zoo recipe stays', () => {
    const { client, sent } = recordingClient();
    createActions(client).run();
    expect(sent).toEqual([undefined]);
    act(() => useAppStore.getState().applyRunEvent(1, { type: 'stage', record: stage(1) }));
    const { host, unmount } = mount();
    expect(described(host)).toBe('ASR measured with the zoo trigger: BadNet 3×3 white patch (bottom-right) → class 0');
    unmount();
  });

  it('Run with a described trigger and target sends them, and the results say so while it runs and once it is done', () => {
    useAppStore.getState().setDescribedTrigger(SQUARE);
    useAppStore.getState().setDescribedTarget(4);
    const { client, sent } = recordingClient();
    createActions(client).run();
    expect(sent).toEqual([{ spec: SQUARE, target: 4 }]);
    const label = 'ASR measured with the described trigger: BadNet 5×5 white patch (at x 0, y 23) → class 4';
    act(() => useAppStore.getState().applyRunEvent(1, { type: 'stage', record: stage(1) }));
    const { host, unmount } = mount();
    expect(described(host)).toBe(label);
    // the finished trace records the trigger; clearing the description afterwards does not relabel the run
    act(() => {
      useAppStore.getState().finishRun(1, { ...trace, trigger: { spec: SQUARE, target: 4 } });
      useAppStore.getState().setDescribedTrigger(null);
      useAppStore.getState().setDescribedTarget(null);
    });
    expect(described(host)).toBe(label);
    unmount();
  });

  it('a described target alone keeps the recipe’s trigger and is labelled as described', () => {
    useAppStore.getState().setDescribedTarget(7);
    const { client, sent } = recordingClient();
    createActions(client).run();
    expect(sent).toEqual([{ spec: entry.attack, target: 7 }]);
    act(() => useAppStore.getState().applyRunEvent(1, { type: 'stage', record: stage(1) }));
    const { host, unmount } = mount();
    expect(described(host)).toBe('ASR measured with the described trigger: BadNet 3×3 white patch (bottom-right) → class 7');
    unmount();
  });

  it('an invalid described trigger is not sent: a notice says why', () => {
    useAppStore.getState().setDescribedTrigger({ ...SQUARE, patchSize: 40 });
    const { client, sent } = recordingClient();
    createActions(client).run();
    expect(sent).toEqual([]);
    expect(useAppStore.getState().notices.at(-1)).toMatch(/^The described trigger was not sent: trigger patchSize is 40, expected an integer from 1 to 28\./);
  });
});
