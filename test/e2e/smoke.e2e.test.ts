/**
 * The editor opens in a real browser: the production build loads, renders its root, and logs
 * no errors.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startEditor, type Editor } from './harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('editor smoke test (Chromium)', () => {
  let editor: Editor;
  let shots: string;

  beforeAll(async () => {
    shots = await mkdtemp(join(tmpdir(), 'deepwire-e2e-shots-'));
    editor = await startEditor();
  });

  afterAll(async () => {
    await editor?.close();
    if (shots) await rm(shots, { recursive: true, force: true });
  });

  it('opens the editor with no console errors', async () => {
    const { page } = editor;
    await editor.waitForApp(); // [data-testid="app"] visible
    expect(await page.title()).toContain('DeepWire');
    // Let the first-start work (opening the example, fitting the view) settle before judging.
    await page.waitForLoadState('networkidle');
    expect(editor.consoleErrors).toEqual([]);
  });

  it('takes a screenshot', async () => {
    const file = join(shots, 'editor.png');
    await editor.page.screenshot({ path: file });
    const png = await readFile(file);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.length).toBeGreaterThan(5_000);

    // The README's picture (written only with DEEPWIRE_SCREENSHOTS=1).
    const shot = await screenshot(editor.page, 'editor');
    expect(shot.png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(shot.path === null).toBe(process.env.DEEPWIRE_SCREENSHOTS !== '1');
    expect(editor.consoleErrors).toEqual([]);
  });
});
