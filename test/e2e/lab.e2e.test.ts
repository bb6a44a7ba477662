/**
 * The learning lab in the browser build, clicked like a person: each experiment opened (from the
 * template gallery or the Lab panel's list), run, and its plot seen; the best trial of a
 * hyperparameter search applied to the graph.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTemplate as openExample, screenshot, editorForFile } from './harness';

const session = editorForFile();
let page: Page;
beforeAll(() => {
  page = session.page;
});

const openTemplate = (name: string) => openExample(page, name);

async function openExperiment(id: string) {
  await page.getByTestId('tab-lab').click();
  await page.getByTestId(`lab-exp-${id}`).click();
  await expect.poll(() => page.getByTestId('panel-lab').getAttribute('data-experiment')).toBe(id);
}

/** Fills a field and commits it (Enter, then leaving it). */
async function fill(testId: string, value: string) {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
  await field.blur();
}

const attr = async (testId: string, name: string, index = 0) => page.getByTestId(testId).nth(index).getAttribute(name);
const num = async (testId: string, name: string, index = 0) => Number(await attr(testId, name, index));

/** Fraction of a canvas's pixels that are drawn (not transparent, not near-white). */
const inkFraction = (testId: string, index = 0) => page.getByTestId(testId).nth(index).evaluate((c: HTMLCanvasElement) => {
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++;
  return ink / (d.length / 4);
});

/** Waits until a batch of lab runs has ended: its progress says all done. */
async function batchDone(progressId: string, timeout = 120_000) {
  await expect.poll(async () => {
    const [done, total] = [await num(progressId, 'data-done'), await num(progressId, 'data-total')];
    return total > 0 && done === total;
  }, { timeout }).toBe(true);
}

describe('the learning lab', () => {
  it('opens the optimiser paths from the template gallery and draws five paths over the contours; a bad function is named', async () => {
    await page.getByTestId('btn-templates').click();
    await page.getByTestId('gallery-lab-paths').click();
    await expect.poll(() => page.getByTestId('panel-lab').getAttribute('data-experiment')).toBe('paths');
    await expect.poll(() => page.getByTestId('lab-paths-canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => num('lab-paths-canvas', 'data-points')).toBeGreaterThan(5 * 10);
    expect(await inkFraction('lab-paths-canvas')).toBeGreaterThan(0.05);
    for (const kind of ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam']) {
      await expect.poll(() => page.getByTestId(`lab-paths-result-${kind}`).isVisible()).toBe(true);
    }
    await fill('lab-paths-function', 'x^2 + * y');
    await expect.poll(() => page.getByTestId('lab-paths-error').isVisible()).toBe(true);
    expect(await page.getByTestId('lab-paths-error').textContent()).toMatch(/\d/);
    await fill('lab-paths-function', 'x^2 + 2*y^2');
    await expect.poll(() => page.getByTestId('lab-paths-error').count()).toBe(0);
    await screenshot(page, 'lab-paths');
  });

  it('reproduces the initialisation histograms: σ=1 sigmoid saturates, σ=0.01 collapses, He keeps ReLU alive', async () => {
    await openExperiment('init');
    await expect.poll(() => page.getByTestId('lab-init-hist').count(), { timeout: 30_000 }).toBe(20);
    const layer5 = async (preset: string, name: string) =>
      Number(await page.getByTestId(`lab-init-row-${preset}`).getByTestId('lab-init-hist').nth(4).getAttribute(name));
    expect(await layer5('normal1', 'data-saturated')).toBeGreaterThan(0.5);
    expect(await layer5('normal001', 'data-std')).toBeLessThan(0.02);
    await page.getByTestId('lab-init-activation').selectOption('relu');
    await expect.poll(() => layer5('heNormal', 'data-zero'), { timeout: 30_000 }).toBeLessThan(0.7);
    expect(await layer5('heNormal', 'data-std')).toBeGreaterThan(await layer5('normal001', 'data-std'));
    await screenshot(page, 'lab-init');
  });

  it('checks the gradients of the XOR net: every tensor passes', async () => {
    await openTemplate('xor-mlp');
    await openExperiment('gradcheck');
    await page.getByTestId('lab-gradcheck-run').click();
    await expect.poll(() => page.getByTestId('lab-gradcheck-row').count(), { timeout: 60_000 }).toBe(4);
    for (let i = 0; i < 4; i++) expect(await attr('lab-gradcheck-row', 'data-pass', i)).toBe('true');
  });

  it('shows the perceptron learning AND and OR, failing on XOR, and two layers solving XOR with their hidden features', async () => {
    await openExperiment('perceptron');
    await page.getByTestId('lab-perceptron-run').click();
    const card = (dataset: string) => page.locator(`[data-testid="lab-perceptron-card"][data-dataset="${dataset}"]`);
    await expect.poll(async () => Number(await card('xor').getAttribute('data-accuracy')), { timeout: 90_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await card('and').getAttribute('data-accuracy')), { timeout: 90_000 }).toBe(1);
    await expect.poll(async () => Number(await card('or').getAttribute('data-accuracy')), { timeout: 90_000 }).toBe(1);
    expect(Number(await card('xor').getAttribute('data-accuracy'))).toBeLessThan(1);
    await page.getByTestId('lab-xor-run').click();
    await expect.poll(() => page.getByTestId('lab-xor-feature').count(), { timeout: 90_000 }).toBe(4);
    await screenshot(page, 'lab-perceptron');
  });

  it('runs batch normalisation as paired runs with the same seed, curves overlaid', async () => {
    await openExperiment('batchnorm');
    await fill('lab-setting-epochs', '1');
    await fill('lab-setting-limit', '600');
    await page.getByTestId('lab-run').click();
    await batchDone('lab-progress', 240_000);
    expect(await num('lab-chart', 'data-series')).toBeGreaterThanOrEqual(2);
    // The chart was given every run's epochs to draw.
    await expect.poll(() => num('lab-chart', 'data-drawn')).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('lab-result-row').count()).toBeGreaterThanOrEqual(2);
  });

  it('runs the overfitting experiment: plain, weight decay, dropout and both', async () => {
    await openExperiment('overfitting');
    await fill('lab-setting-epochs', '2');
    await page.getByTestId('lab-run').click();
    await batchDone('lab-progress', 240_000);
    expect(await page.getByTestId('lab-result-row').count()).toBe(4);
    expect(await num('lab-chart', 'data-series')).toBeGreaterThanOrEqual(4);
    // Training and validation accuracy of 4 runs over 2 epochs.
    await expect.poll(() => num('lab-chart', 'data-drawn')).toBe(16);
    await screenshot(page, 'lab-overfitting');
  });

  it('searches learning rates on the validation split and applies the best trial to the graph', async () => {
    await openTemplate('spiral-mlp');
    await openExperiment('search');
    await fill('lab-search-trials', '4');
    await fill('lab-search-epochs', '3');
    await page.getByTestId('lab-search-start').click();
    await batchDone('lab-search-progress', 180_000);
    expect(await page.getByTestId('lab-search-row').count()).toBe(4);
    expect(await num('lab-search-scatter', 'data-points')).toBe(4);
    const best = await attr('lab-search-row', 'data-learning-rate');
    await page.getByTestId('lab-search-apply-best').click();
    await expect.poll(() => page.getByTestId('lab-search-applied').isVisible()).toBe(true);
    await page.getByTestId('node-adam').click();
    expect(Number(await page.getByTestId('param-learningRate').inputValue())).toBeCloseTo(Number(best), 6);
    await screenshot(page, 'lab-search');
  });

  it('re-runs the current graph with one node toggled, same seed, as a pair', async () => {
    await openTemplate('xor-mlp');
    await fill('param-epochs', '50').catch(() => {});
    await openExperiment('paired');
    await page.getByTestId('lab-paired-run').click();
    await batchDone('lab-progress', 120_000);
    expect(await num('lab-chart', 'data-series')).toBeGreaterThanOrEqual(2);
    await expect.poll(() => num('lab-chart', 'data-drawn')).toBeGreaterThan(2);
    await page.getByTestId('tab-runs').click();
    await expect.poll(() => page.getByTestId('run-row').count()).toBeGreaterThanOrEqual(2);
  });
});
