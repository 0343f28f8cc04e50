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
