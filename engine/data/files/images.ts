/**
 * Image folders as a Dataset: `root/<class>/<image>`, one subfolder per class, PNG or JPEG
 * files inside (deeper paths count under their first folder). Every image is decoded (pure-JS
 * decoders, so this runs in a worker or Node alike), converted to gray or RGB, composited on
 * white where it has alpha, and resized to one size, so the samples stack into one tensor.
 */
import { convertIndexedToRgb, decode as decodePng, type DecodedPng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { DatasetError, defineDataset, type ClassificationDataset } from '../Dataset';
import { msg } from '../../i18n/message';
import { compareNatural, quote, reasonOf } from './source';

/** One file of a folder; `path` is relative to the root, '/'-separated: 'cat/001.png'. */
export interface ImageEntry {
  path: string;
  bytes: Uint8Array;
}

/** Decoded pixels, row-major, `channels` interleaved values per pixel (gray, gray+alpha, RGB, RGBA). */
export interface DecodedImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array | Uint8ClampedArray | Uint16Array;
  bitDepth: 8 | 16;
}

/** Turns a file's bytes into pixels; hosts may pass their own (a browser's native decoder). */
export type ImageDecoder = (bytes: Uint8Array, path: string) => DecodedImage | Promise<DecodedImage>;

export interface ImageFolderListing {
  /** Class names: the first-level folders holding images, sorted (numeric-aware). */
  classes: string[];
  /** Images per class. */
  counts: number[];
  /** The images that load, by class then path. */
  files: string[];
  /** Files left out: not PNG/JPEG by extension, at the root, or hidden (.DS_Store, __MACOSX/…). */
  skipped: string[];
}

export interface ImageFolderOptions {
  width: number;
  height: number;
  channels: 1 | 3;
}

/** An image folder or image that cannot be used; the message names the file. */
export class ImageFolderError extends DatasetError {}

/** Largest side of the resized images. */
export const MAX_IMAGE_SIDE = 4096;
/** Values a whole image data set may hold (2 GiB of float32). */
export const MAX_IMAGE_VALUES = 2 ** 29;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IMAGE_EXTENSION = /\.(?:png|jpe?g)$/i;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The name of a known image format we do not read, from its magic bytes. */
function otherFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, ascii('GIF8'))) return 'GIF';
  if (startsWith(bytes, ascii('BM'))) return 'BMP';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'WebP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'HEIC/AVIF';
  return undefined;
}

/** Palette and 1/2/4-bit gray PNGs as 8-bit pixels. */
function pngPixels(png: DecodedPng): Pick<DecodedImage, 'channels' | 'data' | 'bitDepth'> {
  if (png.palette) {
    const data = convertIndexedToRgb(png);
    return { channels: png.palette[0]?.length === 4 ? 4 : 3, data, bitDepth: 8 };
  }
  if (png.depth < 8) {
    // Packed gray: each row starts on a byte boundary.
    const { width, height, depth } = png;
    const perByte = 8 / depth;
    const rowBytes = Math.ceil(width / perByte);
    const maxValue = (1 << depth) - 1;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const byte = png.data[y * rowBytes + Math.floor(x / perByte)];
        const v = (byte >> (8 - depth * ((x % perByte) + 1))) & maxValue;
        data[y * width + x] = Math.round((v * 255) / maxValue);
      }
    }
    return { channels: 1, data, bitDepth: 8 };
  }
  return { channels: png.channels as DecodedImage['channels'], data: png.data, bitDepth: png.depth === 16 ? 16 : 8 };
}

/**
 * Decodes PNG (gray, gray+alpha, RGB, RGBA, palette, 1–16 bits) and JPEG, told apart by their
 * first bytes, not by the file name. Synchronous; it is an `ImageDecoder`.
 *
 * @throws ImageFolderError naming the file: another format, or a damaged file.
 */
export function decodeImage(bytes: Uint8Array, path: string): DecodedImage {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    try {
      const png = decodePng(bytes);
      return { width: png.width, height: png.height, ...pngPixels(png) };
    } catch (e) {
      throw new ImageFolderError(msg('dataError.images.damagedPng', { path: quote(path), reason: reasonOf(e) }));
    }
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    try {
      const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false });
      return { width: jpeg.width, height: jpeg.height, channels: 3, data: jpeg.data, bitDepth: 8 };
    } catch (e) {
      throw new ImageFolderError(msg('dataError.images.damagedJpeg', { path: quote(path), reason: reasonOf(e) }));
    }
  }
  const other = otherFormat(bytes);
  if (other) throw new ImageFolderError(msg('dataError.images.otherFormat', { path: quote(path), format: other }));
  const head = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new ImageFolderError(head ? msg('dataError.images.notImage', { path: quote(path), head }) : msg('dataError.images.emptyFile', { path: quote(path) }));
}

/**
 * Sorts a folder's file paths into classes (first-level folders), skipping what is not an
 * image by extension, files at the root, and hidden files and folders.
 *
 * @throws ImageFolderError when a path repeats or fewer than two class folders hold images.
 */
export function listImageFolder(paths: readonly string[]): ImageFolderListing {
  const byClass = new Map<string, string[]>();
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) throw new ImageFolderError(msg('dataError.images.listedTwice', { path: quote(path) }));
    seen.add(path);
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    const hidden = parts.some((p) => p.startsWith('.') || p === '__MACOSX');
    if (hidden || parts.length < 2 || !IMAGE_EXTENSION.test(parts[parts.length - 1])) {
      skipped.push(path);
      continue;
    }
    const files = byClass.get(parts[0]) ?? [];
    files.push(path);
    byClass.set(parts[0], files);
  }
  const classes = [...byClass.keys()].sort(compareNatural);
  if (classes.length < 2) {
    const found = classes.length ? msg('dataError.images.foundOne', { name: quote(classes[0]) }) : msg('dataError.images.foundNone');
    throw new ImageFolderError(msg('dataError.images.fewClasses', { found }));
  }
  const files = classes.flatMap((c) => byClass.get(c)!.sort(compareNatural));
  return { classes, counts: classes.map((c) => byClass.get(c)!.length), files, skipped: skipped.sort(compareNatural) };
}

function checkDecoded(img: DecodedImage, path: string): void {
  const { width, height, channels, bitDepth, data } = img;
  const ok = Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0
    && [1, 2, 3, 4].includes(channels) && (bitDepth === 8 || bitDepth === 16) && data?.length === width * height * channels;
  if (!ok) {
    throw new ImageFolderError(msg('dataError.images.inconsistent', {
      path: quote(path), width: String(width), height: String(height), channels: String(channels), bits: String(bitDepth), values: String(data?.length),
    }));
  }
}

/** For each output index along one axis, the source indices and weights that make it. */
interface AxisWeights {
  index: number[][];
  weight: number[][];
}

/** Area average when shrinking (each output pixel covers in/out source pixels), bilinear when enlarging. */
function axisWeights(from: number, to: number): AxisWeights {
  const index: number[][] = [];
  const weight: number[][] = [];
  const scale = from / to;
  for (let j = 0; j < to; j++) {
    const idx: number[] = [];
    const w: number[] = [];
    if (from === to) {
      idx.push(j);
      w.push(1);
    } else if (from > to) {
      const a = j * scale;
      const b = (j + 1) * scale;
      for (let i = Math.floor(a); i < Math.min(from, Math.ceil(b)); i++) {
        const overlap = Math.min(b, i + 1) - Math.max(a, i);
        if (overlap > 0) {
          idx.push(i);
          w.push(overlap / scale);
        }
      }
    } else {
      // Pixel centres line up: output centre j+½ sits at source position (j+½)·scale − ½.
      const s = Math.min(from - 1, Math.max(0, (j + 0.5) * scale - 0.5));
      const i0 = Math.floor(s);
      const t = s - i0;
      idx.push(i0);
      w.push(1 - t);
      if (t > 0) {
        idx.push(i0 + 1);
        w.push(t);
      }
    }
    index.push(idx);
    weight.push(w);
  }
  return { index, weight };
}

/**
 * Writes one image into `out` at `at`: converted to `channels`, composited on white, resized
 * to width × height, values in [0, 1]. Rows are converted one at a time and resampled across
 * (x) into a small buffer, then down (y), so a large photo never exists as floats in full.
 */
function writeImage(img: DecodedImage, options: ImageFolderOptions, out: Float32Array, at: number): void {
  const { width: sw, height: sh, channels: sc, data } = img;
  const { width: dw, height: dh, channels: c } = options;
  const max = img.bitDepth === 16 ? 65535 : 255;
  const xs = axisWeights(sw, dw);
  const ys = axisWeights(sh, dh);
  const row = new Float64Array(sw * c);
  const across = new Float64Array(sh * dw * c);
  const color = sc >= 3;
  const alpha = sc === 2 || sc === 4;
  for (let y = 0; y < sh; y++) {
    for (let x = 0, p = (y * sw) * sc; x < sw; x++, p += sc) {
      const a = alpha ? data[p + sc - 1] / max : 1;
      // Composite on white: v·a + 1·(1 − a).
      const r = (data[p] / max) * a + 1 - a;
      if (!color) {
        for (let k = 0; k < c; k++) row[x * c + k] = r;
        continue;
      }
      const g = (data[p + 1] / max) * a + 1 - a;
      const b = (data[p + 2] / max) * a + 1 - a;
      if (c === 1) {
        row[x] = 0.299 * r + 0.587 * g + 0.114 * b;
      } else {
        row[x * 3] = r;
        row[x * 3 + 1] = g;
        row[x * 3 + 2] = b;
      }
    }
    for (let j = 0; j < dw; j++) {
      const idx = xs.index[j];
      const w = xs.weight[j];
      for (let k = 0; k < c; k++) {
        let sum = 0;
        for (let t = 0; t < idx.length; t++) sum += row[idx[t] * c + k] * w[t];
        across[(y * dw + j) * c + k] = sum;
      }
    }
  }
  for (let i = 0; i < dh; i++) {
    const idx = ys.index[i];
    const w = ys.weight[i];
    for (let j = 0; j < dw * c; j++) {
      let sum = 0;
      for (let t = 0; t < idx.length; t++) sum += across[idx[t] * dw * c + j] * w[t];
      out[at + i * dw * c + j] = Math.min(1, Math.max(0, sum));
    }
  }
}

/**
 * The Dataset of an image folder: every image decoded, converted to gray (0.299R + 0.587G +
 * 0.114B) or RGB (gray replicated), alpha composited on white, resized to width × height (area
 * average when shrinking, bilinear when enlarging), values in [0, 1]; samples of shape
 * [height, width, channels], ordered by class then path; class names are the folder names.
 *
 * @throws ImageFolderError naming the file that cannot be decoded, or the folder's problem.
 */
export async function imageFolderDataset(
  entries: readonly ImageEntry[],
  name: string,
  options: ImageFolderOptions,
  decode: ImageDecoder = decodeImage,
): Promise<ClassificationDataset> {
  const { width, height, channels } = options;
  for (const [key, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_IMAGE_SIDE) throw new ImageFolderError(msg(`dataError.images.${key}`, { name: quote(name), max: MAX_IMAGE_SIDE, value: String(v) }));
  }
  if (channels !== 1 && channels !== 3) throw new ImageFolderError(msg('dataError.images.channels', { name: quote(name), value: String(channels) }));
  const listing = listImageFolder(entries.map((e) => e.path));
  const size = width * height * channels;
  const samples = listing.files.length;
  if (samples * size > MAX_IMAGE_VALUES) {
    throw new ImageFolderError(msg('dataError.images.tooMany', { name: quote(name), samples, width, height, channels, values: samples * size, max: MAX_IMAGE_VALUES }));
  }
  const bytesOf = new Map(entries.map((e) => [e.path, e.bytes]));
  const classOf = new Map(listing.classes.map((c, i) => [c, i]));
  const x = new Float32Array(samples * size);
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const path = listing.files[i];
    let img: DecodedImage;
    try {
      img = await decode(bytesOf.get(path)!, path);
    } catch (e) {
      if (e instanceof ImageFolderError) throw e;
      throw new ImageFolderError(msg('dataError.images.undecodable', { path: quote(path), reason: reasonOf(e) }));
    }
    checkDecoded(img, path);
    writeImage(img, options, x, i * size);
    y[i] = classOf.get(path.split('/').find((p) => p !== '' && p !== '.')!)!;
  }
  return defineDataset({
    name,
    task: 'classification',
    x,
    featureShape: [height, width, channels],
    samples,
    y,
    classes: listing.classes.length,
    classNames: listing.classes,
  });
}
