/* Trap and Replace on one zoo model, measured like the other defenses: shared by scripts/trap-replace.ts and scripts/results.ts. */
import { toFloatImages } from '../../src/engine/data/format';
import { trapAndReplace, type TrapReplaceSettings } from '../../src/engine/defenses/trap-replace';
import { measureAccAndAsr } from '../../src/engine/evaluate';
import { disposeParams } from '../../src/engine/model/params';
import { defenseInput, zooEntry } from '../../src/engine/node/zoo';
import type { AccAsr } from '../../src/engine/trace';
import { zooPoisonedTrainingSet } from '../../src/engine/zoo-poison';

/** What results/<model>.trap-replace.json holds (the fields the other defenses' summaries share, plus stage 1). */
export interface TrapReplaceSummary {
  model: string;
  defense: 'trap-replace';
  settings: TrapReplaceSettings;
  /** the zoo model (no defense) */
  before: AccAsr;
  /** stem + the head trained with it on the poisoned set, before the head is replaced */
  stage1: AccAsr;
  after: AccAsr;
  /** both stages' training, measurements excluded */
  wallSeconds: number;
  backend: string;
  /** the clean holdout stage 2 trains on */
  cleanSubsetSize: number;
  /** poisoned training images stage 1 trains on */
  stage1Count: number;
  poisonedCount: number;
  testSet: { clean: number; poisoned: number };
  stage1Amplification: null;
}

const pick = ({ acc, asr }: AccAsr): AccAsr => ({ acc, asr });

/**
 * Rebuilds the zoo model's poisoned training set from its recipe (src/engine/zoo-poison.ts), runs
 * both stages and measures ACC on the clean test split and ASR on its triggered non-target images.
 */
export async function runTrapReplaceOnZoo(
  id: string,
  settings: TrapReplaceSettings,
  backend: string,
  log: (line: string) => void,
): Promise<TrapReplaceSummary> {
  const entry = zooEntry(id);
  const input = await defenseInput(id);
  const testImages = toFloatImages(input.test);
  const measure = (params: Parameters<typeof measureAccAndAsr>[1]) =>
    measureAccAndAsr(entry.arch, params, testImages, input.test.labels, entry.attack, entry.target);
  const before = await measure(input.params).finally(() => disposeParams(input.params));
  const poisoned = zooPoisonedTrainingSet(entry, input.train);
  log(`${id}: ${input.train.count} training images, ${poisoned.poisonedIndices.length} poisoned; zoo model ACC ${pct(before.acc)} ASR ${pct(before.asr)}`);
  let stage1: AccAsr | null = null;
  let measuring = 0;
  const t0 = performance.now();
  const result = await trapAndReplace(
    { arch: entry.arch, poisoned: { images: poisoned.images, labels: poisoned.labels }, clean: { images: poisoned.cleanImages, labels: input.train.labels } },
    settings,
    {
      onEpoch: ({ stage, epoch, meanLoss, seconds }) => {
        const epochs = stage === 1 ? settings.stage1Epochs : settings.stage2Epochs;
        if (stage === 1 || epoch === epochs || epoch % 10 === 0)
          log(`${id}: stage ${stage} epoch ${epoch}/${epochs} loss ${meanLoss.toFixed(4)} (${seconds.toFixed(1)} s)`);
      },
      onStage1: async (params) => {
        const m0 = performance.now();
        stage1 = pick(await measure(params));
        measuring += (performance.now() - m0) / 1000;
        log(`${id}: after stage 1 (trapped head) ACC ${pct(stage1.acc)} ASR ${pct(stage1.asr)}`);
      },
    },
  );
  const wallSeconds = (performance.now() - t0) / 1000 - measuring;
  const after = await measure(result.params).finally(() => disposeParams(result.params));
  log(`${id}: after stage 2 (head replaced) ACC ${pct(after.acc)} ASR ${pct(after.asr)}; training wall time ${wallSeconds.toFixed(0)} s`);
  return {
    model: id,
    defense: 'trap-replace',
    settings,
    before: pick(before),
    stage1: stage1 ?? pick(before),
    after: pick(after),
    wallSeconds,
    backend,
    cleanSubsetSize: result.holdoutCount,
    stage1Count: result.stage1Count,
    poisonedCount: poisoned.poisonedIndices.length,
    testSet: { clean: after.cleanCount, poisoned: after.poisonedCount },
    stage1Amplification: null,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
