import { useEffect, useRef, useState } from 'react';
import { linkFromState } from '../app/url-sync';
import { encodeLink } from '../schema/url';
import { useAppStore } from '../store/store';

/** The address of the view on screen (model, settings, selection and t, or the lecture step). */
export const currentLink = () => `${location.origin}${location.pathname}${encodeLink(linkFromState(useAppStore.getState()))}`;

/**
 * Copies a link to the view on screen and says so for 2 s. Without a clipboard (an insecure page, a
 * refused permission) the link is shown selected in a read-only field, to copy by hand.
 */
export function CopyLinkButton() {
  const [copiedAt, setCopiedAt] = useState<number | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (copiedAt === null) return;
    const timer = setTimeout(() => setCopiedAt(null), 2000);
    return () => clearTimeout(timer);
  }, [copiedAt]);
  useEffect(() => {
    field.current?.focus(); // focusing selects it (onFocus)
    field.current?.select();
  }, [manual]);

  const copy = () => {
    const link = currentLink();
    const clipboard = 'clipboard' in navigator ? navigator.clipboard : undefined;
    if (!clipboard) return setManual(link);
    void clipboard.writeText(link).then(
      () => {
        setManual(null);
        setCopiedAt(Date.now());
      },
      () => setManual(link),
    );
  };

  return (
    <span className="copy-link">
      <button type="button" data-testid="copy-link" onClick={copy} aria-live="polite">
        {copiedAt === null ? 'Copy link' : 'Link copied'}
      </button>
      {manual !== null && (
        <input
          ref={field}
          className="copy-link-field"
          data-testid="copy-link-field"
          readOnly
          value={manual}
          aria-label="Link to this view"
          onFocus={(e) => e.target.select()}
        />
      )}
    </span>
  );
}
