/**
 * The editor in a real browser, clicked like a person: open the XOR template; build a 2-layer
 * MLP on a blank canvas by dragging and connecting; see the shapes on the edges; have an invalid
 * connection refused with its reason; undo and redo; copy/paste a sub-graph; save (download),
 * reopen, and get the same graph.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../engine/project';
import { E2E_TIMEOUT, screenshot, startEditor, type Editor, centerOf, connectPorts } from './harness';

let editor: Editor;
let page: Page;

const nodes = () => page.locator('.react-flow__node');
const edges = () => page.locator('.react-flow__edge');
const edgeLabels = async () => (await page.locator('[data-testid^="edge-label-"]').allTextContents()).sort();

const center = (testId: string) => centerOf(page, testId);

const connect = (from: string, to: string) => connectPorts(page, from, to);

async function fit() {
  await page.getByTestId('btn-fit').click();
  await page.waitForTimeout(300);
}

/** Clicks empty canvas so keyboard shortcuts reach the editor, not a form field. */
async function focusCanvas() {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.mouse.click(pane!.x + 5, pane!.y + pane!.height - 5);
}

async function save(): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  return new Uint8Array(await readFile((await download.path())!));
}

describe('the editor (Chromium)', () => {
  beforeAll(async () => {
    editor = await startEditor();
    page = editor.page;
    page.on('dialog', (d) => void d.accept());
    await editor.waitForApp();
  }, E2E_TIMEOUT);

  afterAll(async () => {
    await editor?.close();
  });

  it('opens the XOR template with shapes on its edges', async () => {
    await page.getByTestId('btn-templates').click();
    await page.getByTestId('template-xor-mlp').click();
    await expect.poll(() => nodes().count()).toBe(8);
    expect(await edgeLabels()).toEqual(['(batch, 2)', '(batch, 2)', '(batch, 2)', '(batch, 4)', '(batch, 4)']);
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    await screenshot(page, 'editor-xor');
  }, E2E_TIMEOUT);

  it('builds a 2-layer MLP from a blank canvas by dragging and connecting', async () => {
    await page.getByTestId('btn-new').click();
    await expect.poll(() => nodes().count()).toBe(0);
    // One node by drag and drop from the palette, the rest by pressing their palette items.
    const canvas = await page.getByTestId('canvas').boundingBox();
    await page.getByTestId('palette-item-Dataset').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 120, y: canvas!.height / 2 } });
    await expect.poll(() => nodes().count()).toBe(1);
    for (const kind of ['Dense', 'Tanh', 'Dense', 'Softmax', 'CrossEntropy', 'Adam']) await page.getByTestId(`palette-item-${kind}`).click();
    await expect.poll(() => nodes().count()).toBe(7);
    // The output layer needs one unit per class.
    await page.getByTestId('node-dense2').click();
    await expect.poll(() => page.getByTestId('node-label').getAttribute('placeholder')).toBe('dense2');
    await page.getByTestId('param-units').fill('2');
    await page.getByTestId('param-units').press('Enter');
    await fit();
    await connect('dataset1-x', 'dense1-x');
    await connect('dense1-y', 'tanh1-x');
    await connect('tanh1-y', 'dense2-x');
    await connect('dense2-y', 'softmax1-x');
    await connect('softmax1-y', 'crossentropy1-pred');
    await connect('dataset1-y', 'crossentropy1-y');
    await connect('crossentropy1-loss', 'adam1-loss');
    await expect.poll(() => edges().count()).toBe(7);
    expect(await edgeLabels()).toEqual(['(batch, 100)', '(batch, 100)', '(batch, 2)', '(batch, 2)', '(batch, 2)']);
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('shape-dense1').textContent()).toBe('(batch, 100)');
  }, E2E_TIMEOUT);

  it('refuses an invalid connection with the reason, and shows errors on the node', async () => {
    await page.getByTestId('node-dataset1').click();
    await expect.poll(() => page.getByTestId('inspector-kind').textContent()).toContain('Dataset');
    await page.getByTestId('param-source').selectOption({ label: await page.getByTestId('param-source').locator('option', { hasText: 'MNIST' }).first().textContent() ?? 'MNIST' });
    await expect.poll(() => page.getByTestId('error-dense1').textContent()).toMatch(/expects \(batch, features\), got \(batch, 28, 28, 1\) — add Flatten/);
    await expect.poll(() => page.getByTestId('status-errors').isVisible()).toBe(true);
    await page.getByTestId('palette-item-Dense').click();
    await fit();
    await connect('dataset1-x', 'dense3-x');
    await expect.poll(() => page.getByTestId('toast').last().textContent()).toBe(
      'Connection refused: Dense expects (batch, features), got (batch, 28, 28, 1) — add Flatten');
    await expect.poll(() => edges().count()).toBe(7);
  }, E2E_TIMEOUT);

  it('undoes and redoes edits one gesture at a time', async () => {
    await focusCanvas();
    await page.keyboard.press('Control+z'); // the Dense added last
    await expect.poll(() => nodes().count()).toBe(7);
    await page.keyboard.press('Control+z'); // the source change
    await expect.poll(() => page.getByTestId('error-dense1').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('error-dense1').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    // A drag is one step.
    const before = await center('node-tanh1');
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(before.x + i * 6, before.y + i * 4);
    await page.mouse.up();
    const moved = await center('node-tanh1');
    expect(moved.x).toBeGreaterThan(before.x + 30);
    await focusCanvas();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.round((await center('node-tanh1')).x)).toBe(Math.round(before.x));
  }, E2E_TIMEOUT);

  it('copies and pastes a sub-graph with its inner edge and fresh ids', async () => {
    await page.getByTestId('node-dense1').click();
    await page.getByTestId('node-tanh1').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await focusCanvasKeepSelection();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect.poll(() => nodes().count()).toBe(9);
    await expect.poll(() => edges().count()).toBe(8);
    expect(await page.getByTestId('node-dense3').count()).toBe(1);
    expect(await page.getByTestId('node-tanh2').count()).toBe(1);
  }, E2E_TIMEOUT);

  it('auto-layout arranges the whole graph left to right as one undo step', async () => {
    const before = await center('node-adam1');
    await page.getByTestId('btn-layout').click();
    // Layers flow left to right: the dataset ends up left of the loss, the loss left of the optimizer.
    await expect.poll(async () => (await center('node-dataset1')).x < (await center('node-crossentropy1')).x &&
      (await center('node-crossentropy1')).x < (await center('node-adam1')).x).toBe(true);
    await expect.poll(async () => Math.round((await center('node-adam1')).x)).not.toBe(Math.round(before.x));
    await focusCanvas();
    await page.keyboard.press('Control+z');
    await page.getByTestId('btn-fit').click();
    await expect.poll(() => page.getByTestId('btn-redo').isEnabled()).toBe(true);
  }, E2E_TIMEOUT);

  it('saves (download) and reopens the same graph', async () => {
    const saved = await save();
    const first = loadProject(saved);
    if (!first.ok) throw first.error;
    expect(first.project.graph.nodes).toHaveLength(9);
    await expect.poll(() => page.getByTestId('project-name').textContent()).not.toContain('•');
    // Change something, then reopen the saved file.
    await page.getByTestId('btn-new').click();
    await expect.poll(() => nodes().count()).toBe(0);
    await page.getByTestId('file-input').setInputFiles({ name: 'mlp.dwire', mimeType: 'application/zip', buffer: Buffer.from(saved) });
    await expect.poll(() => nodes().count()).toBe(9);
    const again = loadProject(await save());
    if (!again.ok) throw again.error;
    expect(again.project.graph).toEqual(first.project.graph);
    expect(editor.consoleErrors).toEqual([]);
  }, E2E_TIMEOUT);
});

/** Moves keyboard focus out of any form field without clicking the canvas (which would deselect). */
async function focusCanvasKeepSelection() {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
