import type { AppActions } from '../../app/actions';
import { resultsCsv } from '../../app/export-csv';
import { exportFileName } from '../../app/export-filename';
import { resultRows } from '../../app/export-results';
import { useAppStore } from '../../store/store';
import { download } from './download';
import { ExportMenu } from './ExportMenu';
import { NO_TRACE, useExportTrace } from './useExportTrace';

const NO_WEIGHTS = 'Only a run computed in this page has weights to save: press Run live (precomputed, restored and imported runs are measurements only).';

/** The results panel's exports: the table as CSV and the purified model as tfjs Layers files (model.json + weights). */
export function ResultsExport({ actions }: { actions?: AppActions }) {
  const shown = useExportTrace();
  const stages = useAppStore((s) => s.stages);
  const rounds = useAppStore((s) => s.rounds);
  // the worker keeps the output of the last run it finished (src/worker/export-model.ts)
  const liveRun = useAppStore((s) => s.status === 'done' && s.runId !== null && s.restored === null && s.precomputed === null);
  if (!shown) return <ExportMenu panel="results" items={[]} empty={NO_TRACE} />;
  const { trace } = shown;
  const saveModel = async () => {
    if (!actions) throw new Error('this page was built without a compute worker');
    const weightsName = exportFileName(trace, 'model.weights', 'bin');
    const files = await actions.exportModel(weightsName);
    download(exportFileName(trace, 'model', 'json'), JSON.stringify(files.modelJson), 'application/json');
    download(weightsName, new Blob([files.weights.slice().buffer], { type: 'application/octet-stream' }));
  };
  return (
    <ExportMenu
      panel="results"
      items={[
        {
          id: 'results-csv',
          label: 'Results table (CSV)',
          run: () => download(exportFileName(trace, 'results', 'csv'), resultsCsv(resultRows(trace, stages, rounds)), 'text/csv'),
        },
        { id: 'model', label: 'Purified model (tfjs Layers: model.json + weights)', unavailable: liveRun ? null : NO_WEIGHTS, run: saveModel },
      ]}
    />
  );
}
