import { CopyLinkButton } from './CopyLinkButton';
import { ViewGuard } from './errors/ViewGuard';
import { NoticeBar } from './NoticeBar';

/** The header's link tools: the one-line notices and the copy-link button, each guarded, so a failing button never hides a notice. */
export function LinkTools() {
  return (
    <>
      <ViewGuard view="notices">
        <NoticeBar />
      </ViewGuard>
      <ViewGuard view="link-tools">
        <CopyLinkButton />
      </ViewGuard>
    </>
  );
}
