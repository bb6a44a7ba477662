/**
 * Training in the browser build, clicked like a person: the engine in its Web Worker, the
 * toolbar's controls, the live panels, the run in the saved project — and the engine killed
 * mid-run without the editor losing anything.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graph as g, project } from '../../engine';
import { openTemplate as openExample, screenshot, startEditor, type Editor } from './harness';

let editor: Editor;
let page: Page;

beforeAll(async () => {
  // A short heartbeat timeout, so a silently dead engine is noticed within the test's patience.
  editor = await startEditor({ path: '?engineTimeout=2500' });
  page = editor.page;
  // "Discard unsaved changes?" — yes: these tests open one template after another.
  page.on('dialog', (d) => void d.accept().catch(() => {}));
  await editor.waitForApp();
});

afterAll(async () => {
  await editor?.close();
});

const openTemplate = (name: string) => openExample(page, name);

async function setParam(nodeId: string, param: string, value: string) {
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId(`param-${param}`).fill(value);
  await page.getByTestId(`param-${param}`).press('Enter');
}

const status = () => page.getByTestId('train-status').getAttribute('data-status');
const latest = async (attr: string) => Number(await page.getByTestId('curves-latest').getAttribute(attr));
/** A cheap fingerprint of a canvas's pixels. */
const canvasPrint = (testId: string) => page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => c.toDataURL());
/** Fraction of a canvas's pixels that are not transparent / background-white (`selector`: a test id or CSS). */
const inkFraction = (selector: string) => page.locator(selector.includes(' ') ? selector : `[data-testid="${selector}"]`).first().evaluate((c: HTMLCanvasElement) => {
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++;
  return ink / (d.length / 4);
});

async function savedProject() {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  const result = project.loadProject(new Uint8Array(await readFile((await download.path())!)), { isKnownKind: g.isKnownKind });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('training in the editor', () => {
  it('trains xor-mlp live: loss falls, accuracy reaches 1, the boundary moves, histograms appear; pause, resume, stop', async () => {
    await openTemplate('xor-mlp');
    await setParam('training', 'epochs', '100000');
    await page.getByTestId('tab-boundary').click();
    await page.getByTestId('btn-train').click();

    await expect.poll(() => page.getByTestId('boundary-canvas').getAttribute('data-updates'), { timeout: 30_000 }).not.toBeNull();
    const firstBoundary = await canvasPrint('boundary-canvas');
    const firstUpdates = Number(await page.getByTestId('boundary-canvas').getAttribute('data-updates'));
    await page.getByTestId('tab-curves').click();
    await expect.poll(() => latest('data-accuracy'), { timeout: 60_000 }).toBe(1);
    expect(await inkFraction('[data-testid="panel-curves"] canvas')).toBeGreaterThan(0.001);

    await page.getByTestId('tab-boundary').click();
    await expect.poll(async () => Number(await page.getByTestId('boundary-canvas').getAttribute('data-updates'))).toBeGreaterThan(firstUpdates);
    expect(await canvasPrint('boundary-canvas')).not.toBe(firstBoundary);

    await page.getByTestId('tab-distributions').click();
    await expect.poll(() => page.getByTestId('dist-weights').isVisible()).toBe(true);
    await expect.poll(() => inkFraction('dist-weights')).toBeGreaterThan(0.01);
    expect(Number(await page.getByTestId('dist-stats').getAttribute('data-std'))).toBeGreaterThan(0);

    await page.getByTestId('btn-pause').click();
    await expect.poll(status).toBe('paused');
    await page.getByTestId('tab-curves').click();
    const pausedAt = await latest('data-epoch');
    await page.waitForTimeout(600);
    expect(await latest('data-epoch')).toBe(pausedAt);
    await page.getByTestId('btn-resume').click();
    await expect.poll(status).toBe('running');
    await expect.poll(() => latest('data-epoch')).toBeGreaterThan(pausedAt);
    await screenshot(page, 'training-xor');
    await page.getByTestId('btn-stop').click();
    await expect.poll(status).toBe('stopped');

    // The run is in the project's history, and the weights travel with it.
    const saved = await savedProject();
    const run = saved.project.runs.at(-1)!;
    expect(run.status).toBe('stopped');
    expect(run.settings).toMatchObject({ optimizer: 'Adam', epochs: 100000 });
    expect(run.epochs.length).toBeGreaterThan(pausedAt - 1);
    expect(run.epochs.at(-1)!.loss).toBeLessThan(run.epochs[0].loss / 5);
    expect(run.epochs.at(-1)!.accuracy).toBe(1);
    expect([...(saved.weights?.keys() ?? [])]).toContain('hidden.kernel');
    expect(editor.consoleErrors).toEqual([]);
  });

  it('says when the graph changed since the run started, and trains the snapshot', async () => {
    await openTemplate('spiral-mlp');
    await page.getByTestId('btn-train').click();
    await expect.poll(status).toBe('running');
    await expect(page.getByTestId('train-stale').count()).resolves.toBe(0);
    await setParam('training', 'batchSize', '16');
    await expect.poll(() => page.getByTestId('train-stale').isVisible()).toBe(true);
    await page.getByTestId('btn-stop').click();
    await expect.poll(status).toBe('stopped');
    const saved = await savedProject();
    expect(saved.project.runs.at(-1)!.settings.batchSize).toBe(32);
  });

  it('survives the engine dying mid-run: the run fails with a message, the graph stays, the next Train starts a fresh engine', async () => {
    await openTemplate('spiral-mlp');
    await setParam('training', 'epochs', '5000');
    const before = await page.evaluate(() => document.querySelectorAll('.react-flow__node').length);
    await page.getByTestId('btn-train').click();
    await expect.poll(status).toBe('running');
    // The engine's worker (its CPU pool threads are workers too, blocked between products).
    const engineWorker = () => page.workers().filter((w) => /engine\.worker/.test(w.url())).at(-1);
    await expect.poll(() => engineWorker() !== undefined).toBe(true);

    // A worker that dies silently (as on out-of-memory): noticed by its missing heartbeat.
    await engineWorker()!.evaluate(() => (self as unknown as { close(): void }).close());
    await expect.poll(status, { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId('train-status').getAttribute('title')).toMatch(/stopped responding/);
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toMatch(/Training failed: The engine stopped responding/);
    expect(await page.evaluate(() => document.querySelectorAll('.react-flow__node').length)).toBe(before);
    await expect.poll(() => page.getByTestId('project-name').textContent()).toMatch(/•/);

    // An engine that throws outside the training loop: the worker's error event.
    await page.getByTestId('btn-train').click();
    await expect.poll(status).toBe('running');
    await expect.poll(() => engineWorker()?.url()).toBeDefined();
    await engineWorker()!.evaluate(() => setTimeout(() => {
      throw new Error('boom');
    }, 0));
    await expect.poll(status, { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId('train-status').getAttribute('title')).toMatch(/The engine crashed: .*boom/);

    // A fresh engine trains again, and the history holds both failures.
    await setParam('training', 'epochs', '3');
    await page.getByTestId('btn-train').click();
    await expect.poll(status, { timeout: 60_000 }).toBe('completed');
    const saved = await savedProject();
    const last3 = saved.project.runs.slice(-3).map((r) => r.status);
    expect(last3).toEqual(['failed', 'failed', 'completed']);
    // The uncaught worker error is expected here; nothing else may appear.
    expect(editor.consoleErrors.filter((e) => !/boom/.test(e))).toEqual([]);
  });
});

describe('stopping early', () => {
  it('stops a run at once when Stop is pressed while its data still load', async () => {
    await openTemplate('mnist-mlp');
    await page.getByTestId('btn-train').click();
    await page.getByTestId('btn-stop').click();
    await expect.poll(status, { timeout: 60_000 }).toBe('stopped');
    const saved = await savedProject();
    // Stopped within the first epoch (at most that epoch's first batches ran; MNIST may be cached).
    const last = saved.project.runs.at(-1)!;
    expect(last.status).toBe('stopped');
    expect(last.epochs.length).toBeLessThanOrEqual(1);
  });
});

describe('MNIST in the editor', () => {
  it('trains mnist-mlp for one epoch: confusion matrix, sample predictions, a drawn digit; the UI stays responsive', async () => {
    await openTemplate('mnist-mlp');
    await setParam('training', 'epochs', '1');
    // Main-thread long tasks (> 50 ms) while training runs in the worker.
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });
    const started = Date.now();
    await page.getByTestId('btn-train').click();
    // Frames keep coming while it trains: count requestAnimationFrame callbacks over 2 s of training.
    await expect.poll(status, { timeout: 60_000 }).toBe('running');
    const frames = await page.evaluate(() => new Promise<number>((resolve) => {
      let n = 0;
      const end = performance.now() + 2000;
      const tick = () => (performance.now() < end ? (n++, requestAnimationFrame(tick)) : resolve(n));
      requestAnimationFrame(tick);
    }));
    await expect.poll(status, { timeout: 120_000 }).toBe('completed');
    const seconds = (Date.now() - started) / 1000;
    // The page is cross-origin isolated, so the engine trains on one CPU thread per core.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(await page.getByTestId('train-backend').getAttribute('data-threads')).toBe(String(cores));
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const report = { seconds, threads: cores, framesIn2s: frames, longTasks: longTasks.length, longestMs: Math.max(0, ...longTasks), totalLongMs: longTasks.reduce((a, b) => a + b, 0) };
    console.log(`mnist-mlp 1 epoch in the browser: ${JSON.stringify(report)}`);
    expect(frames).toBeGreaterThan(40);
    expect(report.longestMs).toBeLessThan(250);

    await page.getByTestId('tab-confusion').click();
    await expect.poll(() => page.getByTestId('confusion-matrix').isVisible()).toBe(true);
    const accuracy = Number(await page.getByTestId('confusion-accuracy').getAttribute('data-accuracy'));
    expect(accuracy).toBeGreaterThan(0.85);
    expect(await page.locator('[data-testid="confusion-matrix"] td[data-true]').count()).toBe(100);

    await page.getByTestId('tab-predictions').click();
    await expect.poll(() => page.getByTestId('pred-sample').count()).toBeGreaterThan(8);
    const box = (await page.getByTestId('draw-canvas').boundingBox())!;
    // A "1": one firm vertical stroke down the middle.
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.5 - i * 0.004), box.y + box.height * (0.15 + i * 0.06));
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('draw-result').getAttribute('data-class')).toBe('1');
    const probs = await page.locator('[data-testid="draw-probs"] [data-prob]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-prob'))));
    expect(probs).toHaveLength(10);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    // Toasts of the tests before have gone by the time the picture is taken.
    await expect.poll(() => page.getByTestId('toast').count(), { timeout: 15_000 }).toBe(0);
    await screenshot(page, 'training-mnist');
    expect(editor.consoleErrors.filter((e) => !/boom/.test(e))).toEqual([]);
  });
});
