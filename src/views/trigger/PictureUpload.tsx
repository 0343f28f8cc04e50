import { useState } from 'react';
import { blendImageFromRgba, patchFromRgba } from '../../engine/attacks/rgba';
import type { Drawing } from './paint';
import { readPicture } from './read-picture';

interface Props {
  /** a patch reads alpha (or non-black pixels) as its mask; a blend image must be exactly 28×28 */
  target: 'patch' | 'blend';
  onLoad: (drawing: Drawing) => void;
}

/** A PNG from disk as the drawing, read by the same rule as the CLI's patch:/blend:<file.png>. */
export function PictureUpload({ target, onLoad }: Props) {
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="field">
      <span>{target === 'patch' ? 'Upload a patch PNG (at most 28×28)' : 'Upload a 28×28 PNG'}</span>
      <input
        type="file"
        accept="image/png"
        data-testid="trigger-upload"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          try {
            const px = await readPicture(file);
            if (target === 'patch') {
              const { pattern, mask } = patchFromRgba(px);
              onLoad({ values: pattern, mask });
            } else {
              onLoad({ values: blendImageFromRgba(px), mask: null });
            }
            setError(null);
          } catch (err) {
            setError(`${file.name}: ${(err as Error).message}`);
          }
        }}
      />
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
