/**
 * WebGPU in the browser build: Chromium with WebGPU (SwiftShader on a machine without a GPU)
 * gives the engine's worker an adapter. The Training node's backend decides: Auto stays on the
 * CPU for a software adapter and the device badge says why; WebGPU trains on it, the badge names
 * the adapter, and xor-mlp still reaches accuracy 1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEditor, type Editor } from './harness';

let editor: Editor;
let page: Page;

beforeAll(async () => {
  editor = await startEditor({ webgpu: true });
  page = editor.page;
  page.on('dialog', (d) => void d.accept().catch(() => {}));
  await editor.waitForApp();
});

afterAll(async () => {
  await editor?.close();
});

const badge = () => page.getByTestId('train-backend');
const status = () => page.getByTestId('train-status').getAttribute('data-status');

async function train() {
  await page.getByTestId('btn-train').click();
  await expect.poll(status, { timeout: 120_000 }).toBe('completed');
}

describe('training on WebGPU in the browser', () => {
  it('auto keeps a software adapter off; webgpu trains xor-mlp on it to accuracy 1', async () => {
    await page.getByTestId('btn-templates').click();
    await page.getByTestId('template-xor-mlp').click();
    await expect.poll(() => page.getByTestId('status-valid').isVisible()).toBe(true);

    await train();
    expect(await badge().getAttribute('data-device')).toBe('cpu');
    expect(await badge().getAttribute('title')).toMatch(/WebGPU is not used because the only WebGPU adapter, .*swiftshader.*, runs on the CPU/i);

    await page.getByTestId('node-training').click();
    await page.getByTestId('param-backend').selectOption('webgpu');
    await train();
    expect(await badge().getAttribute('data-device')).toBe('webgpu');
    expect(await badge().textContent()).toMatch(/WebGPU · .*swiftshader/i);
    expect(Number(await page.getByTestId('curves-latest').getAttribute('data-accuracy'))).toBe(1);
    expect(editor.consoleErrors).toEqual([]);
  });
});
