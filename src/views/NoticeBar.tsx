import { useAppStore } from '../store/store';

/** The one-line notices (a link's ignored parameters, saved settings that were reset), each with its dismiss button; plain text only. */
export function NoticeBar() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notice-bar" role="status" aria-label="Notices">
      {notices.map((text, i) => (
        <p key={`${i}:${text}`} className="notice" data-testid="notice">
          <span className="notice-text" title={text}>
            {text}
          </span>
          <button type="button" className="notice-dismiss" data-testid="notice-dismiss" aria-label="Dismiss this notice" onClick={() => dismiss(i)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
