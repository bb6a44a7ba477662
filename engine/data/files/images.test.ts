import { encode as encodePng, type ImageData as PngImage } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, imageFolderDataset, ImageFolderError, listImageFolder, type ImageEntry } from './images';

const png = (image: PngImage) => encodePng(image);
const gray = (width: number, height: number, values: number[]) => png({ width, height, data: new Uint8Array(values), channels: 1, depth: 8 });
/** A second class, so that a folder is valid; its image is a white pixel. */
const other: ImageEntry = { path: 'zz/white.png', bytes: gray(1, 1, [255]) };

/** The first sample of a folder made of `entry` plus `other`, at the given size. */
async function firstSample(entry: ImageEntry, width: number, height: number, channels: 1 | 3 = 1): Promise<number[]> {
  const d = await imageFolderDataset([entry, other], 'folder', { width, height, channels });
  return Array.from(d.x.subarray(0, width * height * channels));
}

function close(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `value ${i}`).toBeCloseTo(expected[i], digits));
}

async function folderError(entries: ImageEntry[], decode?: Parameters<typeof imageFolderDataset>[3]): Promise<Error> {
  const e = await imageFolderDataset(entries, 'folder', { width: 2, height: 2, channels: 1 }, decode).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(ImageFolderError);
  return e as Error;
}

describe('image decoding', () => {
  it('reads gray, gray+alpha, RGB, RGBA, palette, 1-bit and 16-bit PNGs', () => {
    expect(decodeImage(gray(2, 1, [0, 200]), 'a.png')).toMatchObject({ width: 2, height: 1, channels: 1, bitDepth: 8, data: new Uint8Array([0, 200]) });
    const rgba = decodeImage(png({ width: 1, height: 1, data: new Uint8Array([1, 2, 3, 4]), channels: 4, depth: 8 }), 'b.png');
    expect(rgba).toMatchObject({ channels: 4, data: new Uint8Array([1, 2, 3, 4]) });
    const palette = decodeImage(png({ width: 2, height: 1, data: new Uint8Array([1, 0]), channels: 1, depth: 8, palette: [[255, 0, 0], [0, 0, 255]] }), 'c.png');
    expect(palette).toMatchObject({ channels: 3, bitDepth: 8, data: new Uint8Array([0, 0, 255, 255, 0, 0]) });
    const bits = decodeImage(png({ width: 3, height: 2, data: new Uint8Array([0b10100000, 0b01000000]), channels: 1, depth: 1 }), 'd.png');
    expect(bits).toMatchObject({ width: 3, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array([255, 0, 255, 0, 255, 0]) });
    const deep = decodeImage(png({ width: 1, height: 1, data: new Uint16Array([40000]), channels: 1, depth: 16 }), 'e.png');
    expect(deep).toMatchObject({ bitDepth: 16, data: new Uint16Array([40000]) });
  });

  it('reads JPEG, and tells formats by their bytes, not their names', () => {
    const pixels = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < 64; i++) pixels.set([200, 100, 50, 255], i * 4);
    const jpeg = encodeJpeg({ width: 8, height: 8, data: pixels }, 100).data;
    const img = decodeImage(new Uint8Array(jpeg), 'photo.png');
    expect(img).toMatchObject({ width: 8, height: 8, channels: 3, bitDepth: 8 });
    expect(Math.abs(img.data[0] - 200) + Math.abs(img.data[1] - 100) + Math.abs(img.data[2] - 50)).toBeLessThan(6);
    expect(decodeImage(gray(1, 1, [7]), 'named.jpg').data[0]).toBe(7);
  });

  it('names the file of a damaged or foreign image', () => {
    const truncated = gray(4, 4, new Array(16).fill(9)).slice(0, 40);
    expect(() => decodeImage(truncated, 'dog/bad.png')).toThrow(/^'dog\/bad\.png' is a damaged PNG image/);
    expect(() => decodeImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2]), 'dog/bad.jpg')).toThrow(/'dog\/bad\.jpg' is a damaged JPEG image/);
    expect(() => decodeImage(new TextEncoder().encode('GIF89a......'), 'cat/x.png')).toThrow(/'cat\/x\.png' is a GIF image; DeepWire reads PNG and JPEG/);
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4, 5]), 'cat/y.png')).toThrow(/starts with the bytes 01 02 03 04/);
    expect(() => decodeImage(new Uint8Array(0), 'cat/z.png')).toThrow(ImageFolderError);
  });
});

describe('image folder listing', () => {
  it('sorts classes numeric-aware and skips hidden, root-level and non-image files', () => {
    const listing = listImageFolder([
      'class10/a.png', 'cat/sub/deep.png', 'class2/b.JPG', 'readme.txt', '.DS_Store', 'cat/.hidden.png',
      '__MACOSX/cat/._1.png', 'cat/notes.txt', 'class2/a.jpeg', 'root.png', 'cat/1.png', '.git/x/y.png',
    ]);
    expect(listing.classes).toEqual(['cat', 'class2', 'class10']);
    expect(listing.counts).toEqual([2, 2, 1]);
    expect(listing.files).toEqual(['cat/1.png', 'cat/sub/deep.png', 'class2/a.jpeg', 'class2/b.JPG', 'class10/a.png']);
    expect(listing.skipped).toEqual(['__MACOSX/cat/._1.png', '.DS_Store', '.git/x/y.png', 'cat/.hidden.png', 'cat/notes.txt', 'readme.txt', 'root.png']);
  });

  it('needs two classes and distinct paths', () => {
    expect(() => listImageFolder(['cat/1.png', 'cat/2.png', 'x.png'])).toThrow(/found only one \('cat'\)/);
    expect(() => listImageFolder(['a.png'])).toThrow(/found none/);
    expect(() => listImageFolder(['a/1.png', 'b/1.png', 'a/1.png'])).toThrow(/'a\/1\.png' twice/);
  });
});

describe('image folder data sets', () => {
  it('averages blocks when shrinking', async () => {
    const pattern = [0, 40, 80, 120, 20, 60, 100, 140, 200, 220, 10, 30, 240, 250, 50, 70];
    const x = await firstSample({ path: 'a/p.png', bytes: gray(4, 4, pattern) }, 2, 2);
    close(x, [30, 110, 227.5, 40].map((v) => v / 255));
    // 3 → 2 columns: each output covers 1.5 source pixels.
    const thirds = await firstSample({ path: 'a/p.png', bytes: gray(3, 1, [0, 90, 255]) }, 2, 1);
    close(thirds, [(0 + 90 * 0.5) / 1.5 / 255, (90 * 0.5 + 255) / 1.5 / 255]);
  });

  it('interpolates bilinearly when enlarging', async () => {
    const x = await firstSample({ path: 'a/p.png', bytes: gray(2, 1, [0, 255]) }, 4, 2);
    close(x, [0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1]);
  });

  it('converts colour to gray, composites alpha on white and replicates gray to RGB', async () => {
    const rgb = png({ width: 1, height: 1, data: new Uint8Array([255, 0, 0]), channels: 3, depth: 8 });
    close(await firstSample({ path: 'a/red.png', bytes: rgb }, 1, 1), [0.299]);
    close(await firstSample({ path: 'a/red.png', bytes: rgb }, 1, 1, 3), [1, 0, 0]);
    const rgba = png({ width: 2, height: 1, data: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 102]), channels: 4, depth: 8 });
    close(await firstSample({ path: 'a/t.png', bytes: rgba }, 2, 1, 3), [1, 1, 1, 0.6, 0.6, 0.6]);
    const grayAlpha = png({ width: 1, height: 1, data: new Uint8Array([0, 51]), channels: 2, depth: 8 });
    close(await firstSample({ path: 'a/ga.png', bytes: grayAlpha }, 1, 1), [0.8]);
    close(await firstSample({ path: 'a/g.png', bytes: gray(1, 1, [51]) }, 1, 1, 3), [0.2, 0.2, 0.2]);
    const deep = png({ width: 1, height: 1, data: new Uint16Array([13107]), channels: 1, depth: 16 });
    close(await firstSample({ path: 'a/d.png', bytes: deep }, 1, 1), [0.2]);
  });

  it('orders samples by class then path, with the folder names as classes', async () => {
    const entries: ImageEntry[] = [
      { path: 'dog/2.png', bytes: gray(2, 2, [0, 0, 0, 0]) },
      { path: 'cat/10.png', bytes: gray(2, 2, [10, 10, 10, 10]) },
      { path: 'cat/9.png', bytes: gray(2, 2, [9, 9, 9, 9]) },
      { path: 'bird/1.png', bytes: png({ width: 2, height: 2, data: new Uint8Array(12).fill(255), channels: 3, depth: 8 }) },
      { path: 'cat/.DS_Store', bytes: new Uint8Array([1, 2, 3]) },
      { path: 'notes.txt', bytes: new Uint8Array([1]) },
    ];
    const d = await imageFolderDataset(entries, 'pets', { width: 1, height: 1, channels: 1 });
    expect(d).toMatchObject({ name: 'pets', task: 'classification', featureShape: [1, 1, 1], samples: 4, classes: 3, classNames: ['bird', 'cat', 'dog'] });
    expect(Array.from(d.y)).toEqual([0, 1, 1, 2]);
    close(Array.from(d.x), [1, 9 / 255, 10 / 255, 0]);
  });

  it('names the file that cannot be decoded', async () => {
    const ok = { path: 'cat/ok.png', bytes: gray(1, 1, [0]) };
    const bad = { path: 'dog/bad.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) };
    expect((await folderError([ok, bad])).message).toMatch(/^'dog\/bad\.png' is a damaged PNG image/);
    const thrown = await folderError([ok, other], () => {
      throw new Error('unsupported');
    });
    expect(thrown.message).toMatch(/^'cat\/ok\.png' could not be decoded \(unsupported\)/);
    const wrong = await folderError([ok, other], () => ({ width: 2, height: 2, channels: 1, bitDepth: 8, data: new Uint8Array(3) }));
    expect(wrong.message).toMatch(/'cat\/ok\.png' decoded to an inconsistent image/);
  });

  it('refuses impossible sizes', async () => {
    const entries = [{ path: 'a/1.png', bytes: gray(1, 1, [0]) }, other];
    await expect(imageFolderDataset(entries, 'f', { width: 0, height: 2, channels: 1 })).rejects.toThrow(/width must be a whole number/);
    await expect(imageFolderDataset(entries, 'f', { width: 2, height: 2, channels: 2 as 1 })).rejects.toThrow(/channels must be 1/);
  });
});
