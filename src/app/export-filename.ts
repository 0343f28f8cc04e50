import type { TscSettings } from '../engine/settings';

/** What a file name is made of: the run's model, defense and the settings that tell two runs apart. */
export interface ExportSubject {
  model: string;
  defense: string;
  settings: Pick<TscSettings, 'rounds' | 't' | 'curveEpochs' | 'seed'>;
}

/** Characters other than letters, digits, dots and dashes become dashes, so every OS accepts the name. */
const safe = (part: string) => part.replace(/[^A-Za-z0-9.-]+/g, '-');

/**
 * The one naming rule for every export: `<model>_<defense>_<key settings>_<what>.<ext>`, e.g.
 * `mnist-mlp-badnet_tsc_r3-t0.4-e200-seed0_loss-curve.svg`.
 */
export function exportFileName(subject: ExportSubject, what: string, ext: string): string {
  const { rounds, t, curveEpochs, seed } = subject.settings;
  const settings = `r${rounds}-t${t}-e${curveEpochs}-seed${seed}`;
  return [subject.model, subject.defense, settings, what].map(safe).join('_') + `.${safe(ext)}`;
}
