import { ViewGuard } from '../errors/ViewGuard';
import { AccAsrChart } from './AccAsrChart';
import { HistoryPanel } from './HistoryPanel';

/** The run history and the ACC vs ASR chart, each in its own error boundary; App renders this in one line. */
export function HistoryPanels() {
  return (
    <>
      <ViewGuard view="history">
        <HistoryPanel />
      </ViewGuard>
      <ViewGuard view="acc-asr">
        <AccAsrChart />
      </ViewGuard>
    </>
  );
}
