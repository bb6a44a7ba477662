/**
 * Exports in the browser build, clicked like a person: the toolbar's Export menu (greyed-out
 * entries saying why, ONNX that onnx-proto decodes, PyTorch code zipped with its data and
 * weights, the history as CSV) and the charts' PNG / SVG buttons (real vector drawings that the
 * browser itself parses).
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import onnxProto from 'onnx-proto';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { project } from '../../engine';
import { checkXml, elements, polylinePoints } from '../../renderer/src/components/Export/xmlCheck';
import { openTemplate, editorForFile } from './harness';

const EPOCHS = 40;

const session = editorForFile();
let page: Page;
beforeAll(() => {
  page = session.page;
});

/** Clicks `click` and returns the download it starts: its suggested name and bytes. */
async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]) as [Download, void];
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile((await d.path())!)) };
}

const exportVia = (target: string) => download(async () => {
  await page.getByTestId('btn-export').click();
  await page.getByTestId(`export-${target}`).click();
});

/** Whether Chromium's own XML parser reads `svg` as an SVG document without errors. */
const browserParses = (svg: string) => page.evaluate((text) => {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  return doc.querySelector('parsererror') === null && doc.documentElement.localName === 'svg';
}, svg);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('exports', () => {
  it('greys out what cannot be exported yet, saying why', async () => {
    await openTemplate(page, 'xor-mlp');
    await page.getByTestId('btn-export').click();
    const weights = page.getByTestId('export-safetensors');
    expect(await weights.isDisabled()).toBe(true);
    expect(await weights.getAttribute('data-reason')).toBe('export.noWeights');
    expect(await weights.textContent()).toContain('Train the network first');
    expect(await page.getByTestId('export-history').isDisabled()).toBe(true);
    expect(await page.getByTestId('export-onnx').isDisabled()).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('export-menu').count()).toBe(0);
  });

  it('trains XOR, then exports ONNX, PyTorch code with its data and weights, and the history', async () => {
    await page.getByTestId('node-training').click();
    await page.getByTestId('param-epochs').fill(String(EPOCHS));
    await page.getByTestId('param-epochs').press('Enter');
    await page.getByTestId('btn-train').click();
    await expect.poll(() => page.getByTestId('train-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');

    // ONNX: protobuf bytes (field 1, ir_version, a varint) that decode as a model with the trained weights.
    const onnx = await exportVia('onnx');
    expect(onnx.name).toMatch(/\.onnx$/);
    expect(onnx.bytes[0]).toBe(0x08);
    const model = onnxProto.onnx.ModelProto.decode(onnx.bytes);
    expect(model.graph?.node?.length).toBeGreaterThan(0);
    expect(model.graph?.initializer?.map((i) => i.name)).toEqual(expect.arrayContaining([expect.stringContaining('hidden')]));

    // PyTorch: one zip holding the script, the data it trains on and the trained weights.
    const zip = await exportVia('pytorch');
    expect(zip.name).toMatch(/-pytorch\.zip$/);
    const entries = unzipSync(zip.bytes);
    expect(Object.keys(entries).sort()).toEqual(['data.safetensors', 'model.py', 'weights.safetensors']);
    expect(strFromU8(entries['model.py'])).toContain('class Model');
    expect(project.decodeSafetensors(entries['data.safetensors'], { int32: true }).tensors.get('x')!.shape).toEqual([4, 2]);
    expect([...project.decodeSafetensors(entries['weights.safetensors']).tensors.keys()]).toEqual(expect.arrayContaining(['hidden.kernel', 'hidden.bias']));

    // History: the header, then one row per epoch.
    const csv = await exportVia('history');
    expect(csv.name).toMatch(/-history\.csv$/);
    const lines = strFromU8(csv.bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('run,label,status,epoch,loss,accuracy,val_loss,val_accuracy,seconds');
    expect(lines).toHaveLength(1 + EPOCHS);
    expect(lines.slice(1).map((l) => Number(l.split(',')[3]))).toEqual(Array.from({ length: EPOCHS }, (_, i) => i + 1));

    // Weights: enabled now that a run trained the graph as it is.
    const weights = await exportVia('safetensors');
    expect([...project.decodeSafetensors(weights.bytes).tensors.keys()]).toContain('output.kernel');
    expect(session.editor.consoleErrors).toEqual([]);
  });

  it('saves the curves as SVG (a polyline per curve, a point per epoch) and as PNG', async () => {
    await page.getByTestId('tab-curves').click();
    const svg = await download(() => page.getByTestId('curves-export-svg').click());
    expect(svg.name).toBe('curves.svg');
    const text = strFromU8(svg.bytes);
    expect(text).toContain('<polyline');
    checkXml(text);
    expect(await browserParses(text)).toBe(true);
    const training = elements(text, 'polyline').find((p) => p.attrs['data-label'] === 'training loss');
    expect(training).toBeDefined();
    expect(polylinePoints(training!)).toHaveLength(EPOCHS);
    const labels = elements(text, 'text').map((t) => t.text);
    expect(labels).toEqual(expect.arrayContaining(['epoch', 'loss', 'accuracy']));

    const png = await download(() => page.getByTestId('curves-export-png').click());
    expect(png.name).toBe('curves.png');
    expect([...png.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('saves the other panels’ charts as SVG the browser parses, and as PNG', async () => {
    const cases: [tab: string, testId: string, mustHold: string][] = [
      ['boundary', 'boundary-export', '<circle'],
      ['confusion', 'confusion-export', 'data-row="1"'],
      ['runs', 'runs-export', '<polyline'],
      ['distributions', 'dist-weights-export', 'class="ridge"'],
    ];
    for (const [tab, testId, mustHold] of cases) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect.poll(() => page.getByTestId(`${testId}-svg`).isEnabled(), { message: tab }).toBe(true);
      const svg = strFromU8((await download(() => page.getByTestId(`${testId}-svg`).click())).bytes);
      checkXml(svg);
      expect(svg, tab).toContain(mustHold);
      expect(await browserParses(svg), tab).toBe(true);
      const png = await download(() => page.getByTestId(`${testId}-png`).click());
      expect([...png.bytes.slice(0, 8)], tab).toEqual(PNG_SIGNATURE);
    }
    expect(session.editor.consoleErrors).toEqual([]);
  });
});
