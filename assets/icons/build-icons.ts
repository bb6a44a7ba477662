/**
 * Renders DeepWire's icons from their SVG sources into the files electron-builder packs:
 *
 *   png/<N>x<N>.png          the app icon, 16…1024 px (Linux icon set; the largest for docs)
 *   icon.ico, icon.icns      the app icon for Windows and macOS
 *   document.ico/.icns       the icon of a `.dwire` project in Explorer and Finder
 *
 *   npx tsx assets/icons/build-icons.ts
 *
 * The outputs are committed (they are build inputs), so only someone changing an SVG runs this.
 * Rasterising uses the system's headless Chromium through playwright-core; nothing is downloaded.
 * Sizes up to 32 px draw icon-small.svg, a variant with fewer, thicker parts.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/e2e/chromium';
import { ICNS_SIZES, pngSize, writeIco, writeIcns } from './iconContainers';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** Edges of the Linux icon set (hicolor sizes, plus 1024 for stores and docs). */
const SET_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Edges in the ICO files: what Explorer, the taskbar and the installer draw. */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** At or below this edge the app icon is drawn from icon-small.svg. */
const SMALL_MAX = 32;

const CANVAS = 1024;

/**
 * The same PNG with its image data deflated at zlib's best level, in one IDAT chunk: Chromium
 * encodes screenshots for speed, and these files are committed and shipped in every installer
 * (about a third smaller). Pixels, filters and the other chunks stay as they are.
 */
function recompress(png: Uint8Array): Uint8Array {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const before: Buffer[] = [];
  const after: Buffer[] = [];
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const chunk = buf.subarray(at, at + 12 + length);
    if (type === 'IDAT') idat.push(chunk.subarray(8, 8 + length));
    else (idat.length === 0 ? before : after).push(chunk);
    at += 12 + length;
  }
  const data = deflateSync(inflateSync(Buffer.concat(idat)), { level: 9 });
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('IDAT', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return new Uint8Array(Buffer.concat([buf.subarray(0, 8), ...before, head, data, crc, ...after]));
}

/** Draws an SVG at `size`×`size` with a transparent background and returns the PNG bytes. */
async function rasterise(page: Page, svg: string, size: number): Promise<Uint8Array> {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">` +
      `<img id="icon" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator('#icon').evaluate((img: HTMLImageElement) => img.decode());
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true });
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`rendered ${width}×${height}, asked for ${size}×${size}`);
  return recompress(png);
}

/** Renders each edge in `sizes`, choosing the SVG per edge. */
async function renderAll(page: Page, sizes: number[], svgFor: (size: number) => string): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  for (const size of [...new Set(sizes)].sort((a, b) => a - b)) out.set(size, await rasterise(page, svgFor(size), size));
  return out;
}

const pick = (pngs: Map<number, Uint8Array>, sizes: number[]) => sizes.map((size) => ({ size, png: pngs.get(size)! }));

async function main(): Promise<void> {
  const [icon, iconSmall, documentSvg] = await Promise.all(
    ['icon.svg', 'icon-small.svg', 'document.svg'].map((name) => readFile(join(HERE, name), 'utf8')),
  );
  const profile = await mkdtemp(join(tmpdir(), 'deepwire-icons-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: CANVAS, height: CANVAS },
      deviceScaleFactor: 1,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const app = await renderAll(page, [...SET_SIZES, ...ICO_SIZES, ...ICNS_SIZES], (s) => (s <= SMALL_MAX ? iconSmall : icon));
      const doc = await renderAll(page, [...ICO_SIZES, ...ICNS_SIZES], () => documentSvg);

      await mkdir(join(HERE, 'png'), { recursive: true });
      for (const size of SET_SIZES) await writeFile(join(HERE, 'png', `${size}x${size}.png`), app.get(size)!);
      await writeFile(join(HERE, 'icon.ico'), writeIco(pick(app, ICO_SIZES)));
      await writeFile(join(HERE, 'icon.icns'), writeIcns(app));
      await writeFile(join(HERE, 'document.ico'), writeIco(pick(doc, ICO_SIZES)));
      await writeFile(join(HERE, 'document.icns'), writeIcns(doc));
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  console.log(`icons written to ${HERE}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
