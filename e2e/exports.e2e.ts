import * as tf from '@tensorflow/tfjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFloatImages } from '../src/engine/data/format';
import { EvalSet } from '../src/engine/evaluate';
import { memoryHandler } from '../src/engine/model/layers-format';
import { METADATA_KEY, type PurifiedModelMetadata } from '../src/engine/model/purified-model';
import { defenseInput } from '../src/engine/node/zoo';
import { APP_URL, ARTIFACTS, fillRunSettings, launchBrowser, newPage, screenshot } from './browser';
import { exportFiles, readDownload } from './downloads';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser({ webgpu: false });
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
});

/** Share of `data` whose argmax of the model's logits is its label. */
function accuracy(model: tf.LayersModel, data: EvalSet['clean']): number {
  const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(data.images) as tf.Tensor2D, 1), data.labels), 'float32')).dataSync()[0]);
  return correct / data.count;
}

describe('exports', () => {
  it('figures, tables and the trace of the precomputed run; the trace imports again; a bad file is a notice', async () => {
    await page.goto(`${APP_URL}?backend=wasm`);
    await expect.poll(() => page.getByTestId('results-table').count(), { timeout: 60_000 }).toBe(1);

    const [svg] = await exportFiles(page, 'loss-curves', 'curve-svg');
    expect(svg.suggestedFilename()).toMatch(/^mnist-mlp-badnet_tsc_r\d+-t[\d.]+-e\d+-seed\d+_loss-curves\.svg$/);
    const svgText = (await readDownload(svg)).toString('utf8');
    expect(svgText).toContain('<title>Loss and ACC/ASR along θ(t): mnist-mlp-badnet, TSC</title>');
    expect(svgText).toContain('cross-entropy (nats)');
    expect(svgText).toContain('untrained straight line');
    expect(svgText).toMatch(/Measured on wasm: ACC [\d.]+ % → [\d.]+ %/);
    const svgWidth = Number(/^<svg[^>]* width="(\d+)"/.exec(svgText)?.[1]);

    const [png] = await exportFiles(page, 'loss-curves', 'curve-png');
    const pngBytes = await readDownload(png);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngBytes.readUInt32BE(16)).toBe(2 * svgWidth); // IHDR width: drawn at 2×
    await png.saveAs(`${ARTIFACTS}/exported-loss-curves.png`);

    const [csv] = await exportFiles(page, 'loss-curves', 'curve-csv');
    const rows = (await readDownload(csv)).toString('utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('round,stage,kind,path,t,clean_loss,clean_acc,poisoned_loss,asr');
    expect(rows[1]).toMatch(/^1,1,unalign-connect,curve,0,/);

    await page.getByTestId('perm-matrix').scrollIntoViewIfNeeded();
    const [matrix] = await exportFiles(page, 'permutation', 'perm-png');
    await matrix.saveAs(`${ARTIFACTS}/exported-correlation.png`);
    const [perms] = await exportFiles(page, 'permutation', 'perm-csv');
    expect((await readDownload(perms)).toString('utf8').split('\n')[0]).toBe('round,stage,objective,layer,unit,perm,matched_correlation');

    const [json] = await exportFiles(page, 'loss-curves', 'trace-json');
    await page.getByTestId('import-trace').setInputFiles(await json.path());
    await expect.poll(() => page.getByTestId('imported-note').textContent()).toContain('Imported from');
    console.log(`[e2e] screenshot: ${await screenshot(page, 'exports-imported')}`);

    await page.getByTestId('import-trace').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toContain('bad.json could not be imported: it is not valid JSON.×');
  });

  it('the purified model of a live run: tf.loadLayersModel reads it and measures the ACC/ASR the page measured', async () => {
    await fillRunSettings(page, { rounds: 1, curveEpochs: 2, cleanPercent: 2, evalSamples: 100, testSamples: 300 });
    await page.getByTestId('run-button').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 300_000, interval: 1000 }).toBe('done');
    const [modelJson, weights] = await exportFiles(page, 'results', 'model', 2);
    expect(modelJson.suggestedFilename()).toMatch(/_model\.json$/);
    const json = JSON.parse((await readDownload(modelJson)).toString('utf8'));
    expect(json.weightsManifest[0].paths).toEqual([weights.suggestedFilename()]);
    const meta = json.userDefinedMetadata[METADATA_KEY] as PurifiedModelMetadata;

    await tf.setBackend('cpu');
    const model = await tf.loadLayersModel(memoryHandler(json, new Uint8Array(await readDownload(weights))));
    const input = await defenseInput(meta.model);
    const set = EvalSet.build(toFloatImages(input.test), input.test.labels, input.attack, input.target, meta.settings.testSamples);
    expect([set.clean.count, set.poisoned.count]).toEqual([meta.testSet.clean, meta.testSet.poisoned]);
    expect(accuracy(model, set.clean)).toBeCloseTo(meta.after.acc, 6);
    expect(accuracy(model, set.poisoned)).toBeCloseTo(meta.after.asr, 6);
    const final = await page.getByTestId('results-table').locator('tr').last().textContent();
    expect(final).toContain(`${(100 * meta.after.acc).toFixed(2)}%`);
    set.dispose();
    model.dispose();
    Object.values(input.params).forEach((t) => t.dispose());
  });
});
