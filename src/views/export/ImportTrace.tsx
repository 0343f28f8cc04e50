import { parseTraceFile } from '../../app/export-trace';
import { useAppStore } from '../../store/store';

/**
 * "Import trace…": opens a trace JSON exported by this page (Export → Trace). A file that fails the
 * schema (src/app/export-trace.ts) becomes a notice naming what is wrong; a good one is shown like a
 * restored run, labelled with its file name in the results.
 */
export function ImportTrace() {
  const running = useAppStore((s) => s.status === 'running');
  const importTrace = useAppStore((s) => s.importTrace);
  const addNotice = useAppStore((s) => s.addNotice);
  const onChange = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = ''; // the same file can be chosen again
    if (!file) return;
    const parsed = parseTraceFile(await file.text(), file.name);
    if (parsed.ok) importTrace(parsed.trace, file.name);
    else addNotice(parsed.message);
  };
  return (
    <label className="import-trace" title={running ? 'Cancel the run first: an import replaces the run on screen.' : undefined}>
      Import trace…{' '}
      <input type="file" accept=".json,application/json" data-testid="import-trace" disabled={running} onChange={(e) => void onChange(e.currentTarget)} />
    </label>
  );
}
