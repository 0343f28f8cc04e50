import { CopyLinkButton } from './CopyLinkButton';
import { NoticeBar } from './NoticeBar';

/** The header's link tools: the one-line notices and the copy-link button. */
export function LinkTools() {
  return (
    <>
      <NoticeBar />
      <CopyLinkButton />
    </>
  );
}
