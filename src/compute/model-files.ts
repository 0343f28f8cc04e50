import manifestJson from '../../models/manifest.json';
import type { ModelFiles } from '../protocol/messages';

/** Model files emitted by Vite as same-origin assets (models/ lives outside public/). */
const MODEL_URLS = import.meta.glob('../../models/*/*.{json,bin}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/** models/manifest.json as bundled, unchecked: src/app/zoo-manifest.ts validates it before the page uses it. */
export const bundledManifest: unknown = manifestJson;

export function modelFiles(modelJson: string, weights: string): ModelFiles {
  const find = (rel: string) => {
    const url = MODEL_URLS[`../../models/${rel}`];
    if (!url) throw new Error(`Model file models/${rel} is not bundled; run \`npm run train-models\`.`);
    return url;
  };
  return { modelJsonUrl: find(modelJson), weightsUrl: find(weights) };
}

/** blob: URLs of each user model's files, made once per model and revoked when it is forgotten. */
const userUrls = new Map<string, { source: { modelJson: string; weights: Uint8Array }; files: ModelFiles }>();

/**
 * A user model's files (kept in IndexedDB, src/store/user-models.ts) as same-origin blob: URLs the
 * worker can fetch like the zoo's. The same files give the same URLs; other files for the id revoke
 * the old ones first.
 */
export function userModelFiles(id: string, source: { modelJson: string; weights: Uint8Array }): ModelFiles {
  const kept = userUrls.get(id);
  if (kept?.source.modelJson === source.modelJson && kept.source.weights === source.weights) return kept.files;
  revokeUserModelFiles(id);
  const files = {
    modelJsonUrl: URL.createObjectURL(new Blob([source.modelJson], { type: 'application/json' })),
    weightsUrl: URL.createObjectURL(new Blob([source.weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })),
  };
  userUrls.set(id, { source, files });
  return files;
}

/** Frees a user model's blob: URLs (it was deleted); nothing happens for a model that has none. */
export function revokeUserModelFiles(id: string): void {
  const kept = userUrls.get(id);
  if (!kept) return;
  URL.revokeObjectURL(kept.files.modelJsonUrl);
  URL.revokeObjectURL(kept.files.weightsUrl);
  userUrls.delete(id);
}
