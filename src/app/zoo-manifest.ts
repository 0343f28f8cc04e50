import { bundledManifest } from '../compute/model-files';
import type { ZooEntry } from '../engine/zoo';
import { MANIFEST_VERSION, parseManifest } from '../schema/manifest';
import { useAppStore } from '../store/store';

/**
 * The zoo the page offers: models/manifest.json as bundled, validated (src/schema/manifest.ts). A
 * manifest that fails is reported in a notice, and only its entries that are valid on their own are
 * offered, so one bad entry never reaches the model picker or the worker.
 */
export function installManifest(input: unknown = bundledManifest): ZooEntry[] {
  const result = parseManifest(input);
  const models = result.ok ? result.manifest.models : result.usable;
  useAppStore.getState().setManifest({ version: MANIFEST_VERSION, generatedBy: result.ok ? result.manifest.generatedBy : '', models });
  if (!result.ok) useAppStore.getState().addNotice(`${result.message} The model list shows only the ${models.length} valid entries.`);
  return models;
}
