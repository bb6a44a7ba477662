/**
 * The committed icons (assets/icons, rendered by build-icons.ts) are what the installers need:
 * valid ICO and ICNS containers with a PNG of the right size in every entry, the Linux PNG set
 * named by size, and every icon path electron-builder.cjs names present.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ICNS_TYPES, pngSize, readIcns, readIco, writeIcns, writeIco } from '../assets/icons/iconContainers';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ICONS = join(ROOT, 'assets', 'icons');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const SET_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const read = async (name: string) => new Uint8Array(await readFile(join(ICONS, name)));

describe.each(['icon', 'document'])('%s', (name) => {
  it(`${name}.ico holds a PNG at each Windows size, as its directory says`, async () => {
    const images = readIco(await read(`${name}.ico`));
    expect(images.map((i) => i.size)).toEqual(ICO_SIZES);
    for (const { size, png } of images) expect(pngSize(png)).toEqual({ width: size, height: size });
  });

  it(`${name}.icns holds a table of contents and a PNG of the right size for every element type`, async () => {
    const elements = readIcns(await read(`${name}.icns`));
    expect(elements.map((e) => e.type)).toEqual(['TOC ', ...ICNS_TYPES.map(([type]) => type)]);
    for (const { type, data } of elements.slice(1)) {
      const size = ICNS_TYPES.find(([t]) => t === type)![1];
      expect(pngSize(data), type).toEqual({ width: size, height: size });
    }
  });
});

describe('containers', () => {
  it('writeIco and writeIcns reproduce the committed files byte for byte from their images', async () => {
    const ico = await read('icon.ico');
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);
    expect(same(writeIco(readIco(ico)), ico)).toBe(true);
    const icns = await read('icon.icns');
    const pngs = new Map(readIcns(icns).slice(1).map(({ type, data }) => [ICNS_TYPES.find(([t]) => t === type)![1], data]));
    expect(same(writeIcns(pngs), icns)).toBe(true);
  });

  it('refuse an image whose pixels do not match the size it is filed under', async () => {
    const png16 = await read('png/16x16.png');
    expect(() => writeIco([{ size: 32, png: png16 }])).toThrow(/16×16, expected 32×32/);
    expect(() => writeIcns(new Map([[16, png16]]))).toThrow(/needs a 32×32 PNG/);
  });
});

describe('electron-builder.cjs', () => {
  const config = createRequire(import.meta.url)('../electron-builder.cjs');

  it('the Linux icon set has every size, each named by its pixel size', async () => {
    const dir = join(ROOT, config.linux.icon);
    const names = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual(SET_SIZES.map((s) => `${s}x${s}.png`));
    for (const size of SET_SIZES) {
      expect(pngSize(new Uint8Array(await readFile(join(dir, `${size}x${size}.png`))))).toEqual({ width: size, height: size });
    }
  });

  it('names icons that exist: app icons and the .dwire document icon', async () => {
    const buildResources = join(ROOT, config.directories.buildResources);
    const [association] = config.fileAssociations;
    const paths = [
      join(ROOT, config.win.icon),
      join(ROOT, config.mac.icon),
      join(buildResources, `${association.icon}.ico`),
      join(buildResources, `${association.icon}.icns`),
    ];
    for (const path of paths) expect((await readFile(path)).length, path).toBeGreaterThan(0);
    expect(association).toMatchObject({ ext: 'dwire', name: 'DeepWire project', role: 'Editor', mimeType: 'application/x-deepwire-project' });
  });
});
