/**
 * Training on your own data in the browser build, clicked like a person: a "From file" node
 * takes the place of the XOR template's Dataset, a generated CSV is uploaded, previewed and
 * trained on; a bad row is shown with its line; the project is saved with the data inside and
 * trained again after a reload without choosing the file; data left out of the project show as
 * missing, fail the run with the engine's message, and can be chosen again. An image folder
 * shows its samples by class. A bad row and an import error read in Korean after a switch.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'fast-png';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, graph as g, project } from '../../engine';
import { openTemplate, screenshot, startEditor, type Editor, connectPorts } from './harness';

let editor: Editor;
let page: Page;
let scratch: string;

beforeAll(async () => {
  editor = await startEditor();
  page = editor.page;
  // "Discard unsaved changes?" and "import this file instead?" — yes.
  page.on('dialog', (d) => void d.accept().catch(() => {}));
  await editor.waitForApp();
  scratch = await mkdtemp(join(tmpdir(), 'deepwire-e2e-data-'));
});

afterAll(async () => {
  await editor?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** 200 points, two classes split by the line x1 + x2 = 0 with a margin; quoted header and labels. */
function separableCsv(): string {
  let seed = 12345;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const lines = ['"x1","x2","label"'];
  while (lines.length <= 200) {
    const x1 = rand();
    const x2 = rand();
    if (Math.abs(x1 + x2) < 0.2) continue;
    // Some numbers quoted too: a quoted field is still a number.
    const a = x1.toFixed(4);
    lines.push(`${lines.length % 7 === 0 ? `"${a}"` : a},${x2.toFixed(4)},"${x1 + x2 > 0 ? 'a' : 'b'}"`);
  }
  return lines.join('\n') + '\n';
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

const status = () => page.getByTestId('train-status').getAttribute('data-status');


const connect = (from: string, to: string) => connectPorts(page, from, to);

async function setParam(nodeId: string, param: string, value: string) {
  await page.getByTestId(`node-${nodeId}`).click();
  await page.getByTestId(`param-${param}`).fill(value);
  await page.getByTestId(`param-${param}`).press('Enter');
}

async function save(): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('btn-save').click()]);
  return new Uint8Array(await readFile((await download.path())!));
}

/** A fresh page (nothing of this session's data in memory), then the project opened from bytes. */
async function reloadAndOpen(bytes: Uint8Array) {
  await page.reload({ waitUntil: 'load' });
  await editor.waitForApp();
  await page.getByTestId('file-input').setInputFiles({ name: 'mine.dwire', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  await expect.poll(() => page.getByTestId('node-datafile1').count()).toBe(1);
}

async function trainToEnd(): Promise<string | null> {
  await page.getByTestId('btn-train').click();
  await expect.poll(status, { timeout: 60_000 }).not.toBe('starting');
  await expect.poll(async () => ['completed', 'failed', 'stopped'].includes((await status()) ?? ''), { timeout: 120_000 }).toBe(true);
  return status();
}

const summary = () => page.getByTestId('datafile-summary');

describe('a CSV of your own', () => {
  let saved: Uint8Array;

  it('replaces the template\'s Dataset with a "From file" node, previews the CSV and trains on it to ≥ 90 % accuracy', async () => {
    await openTemplate(page, 'xor-mlp');
    await page.getByTestId('node-data').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('node-data').count()).toBe(0);
    await page.getByTestId('palette-item-DataFile').click();
    await page.getByTestId('btn-fit').click();
    await page.getByTestId('node-datafile1').click();
    await expect.poll(() => page.getByTestId('datafile-editor').isVisible()).toBe(true);
    await expect.poll(() => summary().getAttribute('data-samples')).toBe('0');

    await page.getByTestId('datafile-file-csv').setInputFiles(csvFile('points.csv', separableCsv()));
    await expect.poll(() => summary().getAttribute('data-samples'), { timeout: 30_000 }).toBe('200');
    expect(await summary().textContent()).toMatch(/200 samples · 2 features · 2 classes \(a, b\) · .* · stored in the project file/);
    expect(await page.locator('[data-testid="datafile-preview"] thead th').allTextContents()).toEqual(['x1', 'x2', 'label']);
    expect(await page.locator('[data-testid="datafile-preview"] tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-testid="datafile-preview"] tbody tr').first().locator('td').last().textContent()).toMatch(/^[ab]$/);
    expect(await page.getByTestId('csv-col-2').getAttribute('data-role')).toBe('target');
    expect(await page.getByTestId('datafile-error').count()).toBe(0);
    await screenshot(page, 'data-import-csv');

    await page.getByTestId('btn-fit').click();
    await connect('datafile1-x', 'hidden-x');
    await connect('datafile1-y', 'loss-y');
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    await setParam('training', 'epochs', '40');
    await setParam('training', 'batchSize', '16');

    expect(await trainToEnd()).toBe('completed');
    saved = await save();
    const loaded = project.loadProject(saved, { isKnownKind: g.isKnownKind });
    if (!loaded.ok) throw loaded.error;
    const run = loaded.project.runs.at(-1)!;
    expect(run.status).toBe('completed');
    expect(run.epochs.at(-1)!.accuracy).toBeGreaterThanOrEqual(0.9);
    // The CSV is inside the project file, under its SHA-256.
    const node = loaded.project.graph.nodes.find((n) => n.id === 'datafile1')!;
    const ref = (node.params.files as data.FileRef[])[0];
    expect(ref).toMatchObject({ role: 'data', name: 'points.csv' });
    expect(new TextDecoder().decode(loaded.data!.get(ref.sha256))).toBe(separableCsv());
    expect(editor.consoleErrors).toEqual([]);
  });

  it('lists a malformed row with its line number; undo brings the good file back', async () => {
    await page.getByTestId('node-datafile1').click();
    const lines = separableCsv().split('\n');
    lines.splice(6, 0, '0.5,0.25,"a",surplus');
    await page.getByTestId('datafile-file-csv').setInputFiles(csvFile('bad.csv', lines.join('\n')));
    await expect.poll(() => page.locator('[data-testid="datafile-problems"] li').count(), { timeout: 30_000 }).toBe(1);
    const problem = page.locator('[data-testid="datafile-problems"] li').first();
    expect(await problem.getAttribute('data-line')).toBe('7');
    expect(await problem.textContent()).toMatch(/^line 7: expected 3 fields, found 4/);
    expect(await summary().getAttribute('data-samples')).toBe('200');
    expect(await page.getByTestId('datafile-editor').textContent()).toContain('bad.csv');

    // The same problem in Korean after switching the language (the engine sent a message, not a text).
    await page.getByTestId('language').selectOption('ko');
    await expect.poll(() => problem.textContent()).toBe('7번째 줄: 필드가 3개여야 하는데 4개입니다');
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => problem.textContent()).toMatch(/^line 7: expected 3 fields, found 4/);

    // The import was one step: undo gives the node its first file back.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('datafile-editor').textContent()).toContain('points.csv');
    await expect.poll(() => page.getByTestId('datafile-problems').count()).toBe(0);
  });

  it('an error from the engine shows in the editor and leaves the node as it was', async () => {
    await page.getByTestId('node-datafile1').click();
    await page.getByTestId('datafile-file-csv').setInputFiles(csvFile('one-column.csv', 'a\n1\n2\n3\n'));
    await expect.poll(() => page.getByTestId('datafile-error').textContent(), { timeout: 30_000 }).toMatch(/^Import failed: .*only one column/);
    await page.getByTestId('language').selectOption('ko');
    await expect.poll(() => page.getByTestId('datafile-error').textContent()).toMatch(/^가져오기 실패: one-column\.csv: 열을 하나만 찾았습니다/);
    await page.getByTestId('language').selectOption('en');
    await expect.poll(() => page.getByTestId('datafile-error').textContent()).toMatch(/^Import failed: .*only one column/);
    expect(await summary().getAttribute('data-samples')).toBe('200');
    expect(await page.getByTestId('datafile-editor').textContent()).toContain('points.csv');
  });

  it('saves the data inside the project: after a reload it trains again without choosing the file', async () => {
    await reloadAndOpen(saved);
    await page.getByTestId('node-datafile1').click();
    await expect.poll(() => summary().getAttribute('data-samples')).toBe('200');
    expect(await page.getByTestId('datafile-missing').count()).toBe(0);
    await setParam('training', 'epochs', '5');
    expect(await trainToEnd()).toBe('completed');
  });

  it('data left out of the project show as missing, fail the run with the reason, and can be chosen again', async () => {
    await page.getByTestId('node-datafile1').click();
    await page.getByTestId('param-embed').selectOption('never');
    await expect.poll(() => summary().textContent()).toMatch(/referenced only/);
    const without = await save();
    const loaded = project.loadProject(without, { isKnownKind: g.isKnownKind });
    if (!loaded.ok) throw loaded.error;
    expect(loaded.data).toBeUndefined();

    await reloadAndOpen(without);
    await page.getByTestId('node-datafile1').click();
    await expect.poll(() => page.getByTestId('datafile-missing').textContent()).toMatch(/Data missing: points\.csv \(.+\) — choose the file/);
    // The graph still checks (the node keeps what the import found).
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);
    expect(await trainToEnd()).toBe('failed');
    expect(await page.getByTestId('train-status').getAttribute('title')).toMatch(/points\.csv.*not available.*Choose the file again/);

    await page.getByTestId('node-datafile1').click();
    await page.getByTestId('datafile-missing-data').setInputFiles(csvFile('points.csv', separableCsv()));
    await expect.poll(() => page.getByTestId('datafile-missing').count()).toBe(0);
    expect(await trainToEnd()).toBe('completed');
    // Errors logged by the failed run are the engine's expected message, nothing else.
    expect(editor.consoleErrors).toEqual([]);
  });
});

describe('an image folder', () => {
  it('imports class folders of PNGs and shows samples by class', async () => {
    const root = join(scratch, 'shapes');
    for (const cls of ['dark', 'light']) {
      await mkdir(join(root, cls), { recursive: true });
      for (let i = 0; i < 4; i++) {
        const pixels = Uint8Array.from({ length: 8 * 8 }, (_, p) => (cls === 'dark' ? 20 + ((p + i) % 5) * 8 : 220 - ((p * i) % 5) * 8));
        await writeFile(join(root, cls, `${i}.png`), encode({ width: 8, height: 8, data: pixels, channels: 1, depth: 8 }));
      }
    }
    await writeFile(join(root, 'README.txt'), 'not an image');

    await page.getByTestId('btn-new').click();
    await page.getByTestId('palette-item-DataFile').click();
    await page.getByTestId('node-datafile1').click();
    await page.getByTestId('datafile-format').selectOption('images');
    await page.getByTestId('datafile-width').fill('8');
    await page.getByTestId('datafile-width').press('Enter');
    await page.getByTestId('datafile-height').fill('8');
    await page.getByTestId('datafile-height').press('Enter');
    await page.getByTestId('datafile-folder').setInputFiles(root);
    await expect.poll(() => summary().getAttribute('data-samples'), { timeout: 30_000 }).toBe('8');
    expect(await summary().textContent()).toMatch(/8 samples · samples 8×8×1 · 2 classes \(dark, light\)/);
    const rows = page.locator('[data-testid="datafile-samples"] [data-class]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).toEqual(['dark', 'light']);
    const inks = await page.locator('[data-testid="datafile-samples"] canvas').evaluateAll((cs) => (cs as HTMLCanvasElement[]).map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) sum += d[i];
      return { width: c.width, mean: sum / (d.length / 4) };
    }));
    expect(inks.map((i) => i.width)).toEqual([35, 35]);
    expect(inks[0].mean).toBeLessThan(80);
    expect(inks[1].mean).toBeGreaterThan(150);
    expect(await page.getByTestId('datafile-skipped').textContent()).toContain('README.txt');

    // A new size reads the folder again (from the data kept, no picking).
    await page.getByTestId('datafile-channels').selectOption('3');
    await expect.poll(() => summary().textContent(), { timeout: 30_000 }).toMatch(/samples 8×8×3/);
    await screenshot(page, 'data-import-images');
    expect(editor.consoleErrors).toEqual([]);
  });
});
