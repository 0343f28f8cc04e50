import { describe, expect, it, vi } from 'vitest';
import type { ImportedModel } from '../protocol/import-messages';
import { ImportRequests, type ImportListener } from './import-requests';

const listener = () => ({
  progress: vi.fn<ImportListener['progress']>(),
  done: vi.fn<ImportListener['done']>(),
  failed: vi.fn<ImportListener['failed']>(),
});
const model = { arch: 'mlp' } as ImportedModel;

describe('ImportRequests', () => {
  it('hands progress, then the model, to the request it belongs to, and forgets it once answered', () => {
    const imports = new ImportRequests();
    const a = listener();
    const b = listener();
    imports.add(1, a);
    imports.add(2, b);
    expect(imports.deliver({ type: 'import-model', requestId: 1, update: { kind: 'progress', phase: 'x', done: 1, total: 4 } })).toBe(true);
    expect(imports.deliver({ type: 'import-model', requestId: 1, update: { kind: 'done', model } })).toBe(true);
    expect(a.progress).toHaveBeenCalledWith('x', 1, 4);
    expect(a.done).toHaveBeenCalledWith(model);
    expect(b.done).not.toHaveBeenCalled();
    expect(imports.size).toBe(1);
    expect(imports.deliver({ type: 'import-model', requestId: 1, update: { kind: 'done', model } })).toBe(false);
  });

  it("a refusal, an 'error' with its id and a dead worker each fail it; other events pass by", () => {
    const imports = new ImportRequests();
    const [a, b, c] = [listener(), listener(), listener()];
    imports.add(1, a);
    imports.add(2, b);
    imports.add(3, c);
    imports.deliver({ type: 'import-model', requestId: 1, update: { kind: 'failed', message: 'no model.json' } });
    imports.deliver({ type: 'error', requestId: 2, message: 'no backend' });
    expect(imports.deliver({ type: 'error', requestId: 99, message: 'not ours' })).toBe(false);
    expect(imports.deliver({ type: 'pong', requestId: 3 })).toBe(false);
    imports.failAll('The compute worker crashed');
    expect([a.failed.mock.calls, b.failed.mock.calls, c.failed.mock.calls]).toEqual([[['no model.json']], [['no backend']], [['The compute worker crashed']]]);
    expect(imports.size).toBe(0);
  });
});
