/**
 * MNIST-style IDX files (images and labels, optionally a test pair) as a Dataset.
 *
 * The format: two zero bytes, a data-type byte (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
 * 0x0D float32, 0x0E float64), a byte with the number of dimensions, each dimension as a
 * big-endian uint32, then the values, big-endian, row-major. Files as downloaded
 * (`train-images-idx3-ubyte.gz`) are gzip-compressed; they are recognised by their first two
 * bytes (1f 8b) and decompressed first. Every size is checked against the bytes present
 * before anything is read, and errors name the file and the byte offset.
 */
import { gunzipSync } from 'fflate';
import { DatasetError, defineDataset, type ClassificationDataset } from '../Dataset';
import { msg } from '../../i18n/message';
import { quote, reasonOf } from './source';

export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/**
 * An IDX array. Values are held exactly: uint8, int8, int16 and float32 in a Float32Array,
 * int32 and float64 in a Float64Array (float32 cannot hold every int32).
 */
export interface IdxArray {
  dtype: IdxDType;
  dims: number[];
  data: Float64Array | Float32Array;
}

/** The files of an IDX data set: a training pair, optionally a test pair. */
export interface IdxFiles {
  images: Uint8Array;
  labels: Uint8Array;
  testImages?: Uint8Array;
  testLabels?: Uint8Array;
}

export interface IdxInfo {
  featureShape: number[];
  classes: number;
  samples: number;
  testSamples: number;
}

/** An IDX file that is damaged or does not fit its partner; the message names the file and where. */
export class IdxError extends DatasetError {}

const TYPES: Readonly<Record<number, { dtype: IdxDType; size: number }>> = {
  0x08: { dtype: 'uint8', size: 1 },
  0x09: { dtype: 'int8', size: 1 },
  0x0b: { dtype: 'int16', size: 2 },
  0x0c: { dtype: 'int32', size: 4 },
  0x0d: { dtype: 'float32', size: 4 },
  0x0e: { dtype: 'float64', size: 8 },
};
const CODES = Object.fromEntries(Object.entries(TYPES).map(([code, t]) => [t.dtype, Number(code)])) as Record<IdxDType, number>;
const INT_RANGE: Partial<Record<IdxDType, [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
};

/** Values one IDX file may hold (typed arrays of this length are safe in every engine). */
export const MAX_IDX_VALUES = 2 ** 31 - 1;
/** Largest class count from labels (the project format's limit). */
export const MAX_IDX_CLASSES = 100_000;

/** A checked header over (decompressed) bytes: where the values start and how many there are. */
interface IdxHeader {
  name: string;
  bytes: Uint8Array;
  dtype: IdxDType;
  size: number;
  dims: number[];
  count: number;
  offset: number;
}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0').toUpperCase()}`;
}

/** Reads and checks the header; the data length must match the dims exactly. */
function readHeader(raw: Uint8Array, name: string): IdxHeader {
  const gz = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  let bytes = raw;
  if (gz) {
    try {
      bytes = gunzipSync(raw);
    } catch (e) {
      throw new IdxError(msg('dataError.idx.gzip', { name: quote(name), reason: reasonOf(e) }));
    }
  }
  const where = (offset: number) => msg(gz ? 'dataError.idx.atUnzipped' : 'dataError.idx.at', { name: quote(name), offset });
  if (bytes.length < 4) throw new IdxError(msg('dataError.idx.tooShort', { where: where(0), size: bytes.length }));
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxError(msg('dataError.idx.badMagic', { where: where(0), first: hex(bytes[0]), second: hex(bytes[1]) }));
  }
  const type = TYPES[bytes[2]];
  if (!type) {
    const known = Object.entries(TYPES).map(([code, t]) => `${hex(Number(code))} ${t.dtype}`).join(', ');
    throw new IdxError(msg('dataError.idx.unknownType', { where: where(2), code: hex(bytes[2]), known }));
  }
  const ndims = bytes[3];
  if (ndims < 1) throw new IdxError(msg('dataError.idx.noDims', { where: where(3) }));
  const offset = 4 + 4 * ndims;
  if (bytes.length < offset) {
    throw new IdxError(msg('dataError.idx.headerTruncated', { where: where(bytes.length), ndims, header: offset, size: bytes.length }));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    if (d === 0) throw new IdxError(msg('dataError.idx.zeroDim', { where: where(4 + 4 * i), index: i + 1, ndims }));
    dims.push(d);
    count *= d;
    if (count > MAX_IDX_VALUES) {
      throw new IdxError(msg('dataError.idx.tooLarge', { where: where(4 + 4 * i), dims: dims.join(', '), max: MAX_IDX_VALUES }));
    }
  }
  const need = count * type.size;
  const have = bytes.length - offset;
  if (have < need) {
    throw new IdxError(msg('dataError.idx.truncated', { where: where(bytes.length), dims: dims.join(', '), dtype: type.dtype, need, have, missing: need - have }));
  }
  if (have > need) {
    throw new IdxError(msg('dataError.idx.extra', { where: where(offset + need), extra: have - need, need, dims: dims.join(', '), dtype: type.dtype }));
  }
  return { name, bytes, dtype: type.dtype, size: type.size, dims, count, offset };
}

/** Reads `h`'s values (×scale) into `out` from `at`. */
function readValues(h: IdxHeader, out: Float32Array | Float64Array, scale = 1, at = 0): void {
  const { bytes, offset, count } = h;
  if (h.dtype === 'uint8') {
    for (let i = 0; i < count; i++) out[at + i] = bytes[offset + i] * scale;
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const get: (p: number) => number = {
    int8: (p: number) => view.getInt8(p),
    int16: (p: number) => view.getInt16(p, false),
    int32: (p: number) => view.getInt32(p, false),
    float32: (p: number) => view.getFloat32(p, false),
    float64: (p: number) => view.getFloat64(p, false),
  }[h.dtype];
  for (let i = 0, p = offset; i < count; i++, p += h.size) out[at + i] = get(p) * scale;
}

/**
 * Reads one IDX file (gzip-compressed or not).
 *
 * @throws IdxError naming the file and byte offset: bad magic, unknown type, zero dimension,
 *   size overflow, truncated data (how many bytes are missing), or trailing bytes.
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const h = readHeader(bytes, name);
  const data = h.dtype === 'int32' || h.dtype === 'float64' ? new Float64Array(h.count) : new Float32Array(h.count);
  readValues(h, data);
  return { dtype: h.dtype, dims: h.dims, data };
}

/**
 * Writes an IDX file (uncompressed).
 *
 * @throws IdxError when the dims do not fit the values or a value does not fit the type.
 */
export function encodeIdx(dtype: IdxDType, dims: number[], values: ArrayLike<number>): Uint8Array {
  const code = CODES[dtype];
  if (code === undefined) throw new IdxError(`encodeIdx: unknown IDX type '${dtype}'`);
  if (dims.length < 1 || dims.length > 255) throw new IdxError(`encodeIdx: an IDX array has 1 to 255 dimensions, got ${dims.length}`);
  let count = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1 || d > 0xffffffff) throw new IdxError(`encodeIdx: dimensions must be integers from 1 to 2³²−1, got [${dims.join(', ')}]`);
    count *= d;
  }
  if (count !== values.length) throw new IdxError(`encodeIdx: dimensions [${dims.join(', ')}] hold ${count} values, but ${values.length} were given`);
  const size = TYPES[code].size;
  const out = new Uint8Array(4 + 4 * dims.length + count * size);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const range = INT_RANGE[dtype];
  let p = 4 + 4 * dims.length;
  for (let i = 0; i < count; i++, p += size) {
    const v = values[i];
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1])) {
      throw new IdxError(`encodeIdx: value ${v} at index ${i} is not a ${dtype} (integers ${range[0]}…${range[1]})`);
    }
    if (dtype === 'uint8') view.setUint8(p, v);
    else if (dtype === 'int8') view.setInt8(p, v);
    else if (dtype === 'int16') view.setInt16(p, v, false);
    else if (dtype === 'int32') view.setInt32(p, v, false);
    else if (dtype === 'float32') view.setFloat32(p, v, false);
    else view.setFloat64(p, v, false);
  }
  return out;
}

const DEFAULT_NAMES: Record<keyof IdxFiles, string> = {
  images: 'training images',
  labels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

/** The checked headers of a set of IDX files and what they add up to. */
interface IdxSet {
  images: IdxHeader;
  labels: IdxHeader;
  test?: { images: IdxHeader; labels: IdxHeader };
  featureShape: number[];
  classes: number;
}

function checkImages(h: IdxHeader): number[] {
  const [, ...rest] = h.dims;
  if (h.dims.length < 2 || h.dims.length > 4) {
    throw new IdxError(msg('dataError.idx.notImages', { name: quote(h.name), dims: h.dims.join(', ') }));
  }
  return rest.length === 2 ? [...rest, 1] : rest;
}

/** The largest label, after checking every label is an integer ≥ 0. */
function checkLabels(h: IdxHeader): number {
  if (h.dims.length !== 1) {
    throw new IdxError(msg('dataError.idx.notLabels', { name: quote(h.name), dims: h.dims.join(', ') }));
  }
  const labels = new Float64Array(h.count);
  readValues(h, labels);
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v >= MAX_IDX_CLASSES) {
      throw new IdxError(msg('dataError.idx.badLabel', { name: quote(h.name), index: i, offset: h.offset + i * h.size, value: v, max: MAX_IDX_CLASSES - 1 }));
    }
    if (v > max) max = v;
  }
  return max;
}

function readSet(files: IdxFiles, names: Partial<Record<keyof IdxFiles, string>> = {}): IdxSet {
  const n = { ...DEFAULT_NAMES, ...names };
  const pair = (imgRole: 'images' | 'testImages', labRole: 'labels' | 'testLabels') => {
    const images = readHeader(files[imgRole]!, n[imgRole]);
    const labels = readHeader(files[labRole]!, n[labRole]);
    const featureShape = checkImages(images);
    const maxLabel = checkLabels(labels);
    if (images.dims[0] !== labels.dims[0]) {
      throw new IdxError(msg('dataError.idx.countMismatch', { images: quote(images.name), imageCount: images.dims[0], labels: quote(labels.name), labelCount: labels.dims[0] }));
    }
    return { images, labels, featureShape, maxLabel };
  };
  if (!files.images || !files.labels) throw new IdxError(msg(files.images ? 'dataError.idx.noLabels' : 'dataError.idx.noImages'));
  if (Boolean(files.testImages) !== Boolean(files.testLabels)) {
    throw new IdxError(files.testImages
      ? msg('dataError.idx.testWithoutLabels', { name: quote(n.testImages) })
      : msg('dataError.idx.testWithoutImages', { name: quote(n.testLabels) }));
  }
  const train = pair('images', 'labels');
  let maxLabel = train.maxLabel;
  let test: IdxSet['test'];
  if (files.testImages) {
    const t = pair('testImages', 'testLabels');
    if (t.featureShape.join('×') !== train.featureShape.join('×')) {
      throw new IdxError(msg('dataError.idx.testShape', {
        test: quote(t.images.name), testShape: t.featureShape.join('×'), train: quote(train.images.name), trainShape: train.featureShape.join('×'),
      }));
    }
    if ((t.images.dtype === 'uint8') !== (train.images.dtype === 'uint8')) {
      // uint8 is scaled to [0, 1] and other types are not: mixing them would mix scales.
      throw new IdxError(msg('dataError.idx.testType', { test: quote(t.images.name), testType: t.images.dtype, train: quote(train.images.name), trainType: train.images.dtype }));
    }
    maxLabel = Math.max(maxLabel, t.maxLabel);
    test = { images: t.images, labels: t.labels };
  }
  return { images: train.images, labels: train.labels, test, featureShape: train.featureShape, classes: maxLabel + 1 };
}

/**
 * Sample shape, class count and sizes without building the Dataset (for the node's shape
 * inference); still checks every header, the sizes and the labels.
 *
 * @throws IdxError as `idxDataset` does.
 */
export function describeIdx(files: IdxFiles, names?: Partial<Record<keyof IdxFiles, string>>): IdxInfo {
  const s = readSet(files, names);
  return { featureShape: s.featureShape, classes: s.classes, samples: s.images.dims[0], testSamples: s.test?.images.dims[0] ?? 0 };
}

/**
 * The Dataset of a set of IDX files. Images [n,h,w] give samples of shape [h,w,1], [n,h,w,c]
 * give [h,w,c], [n,d] give [d]; uint8 pixels are scaled to [0, 1] (÷255), other types are kept
 * as they are. Labels are class numbers; classes = the largest label + 1 over train and test.
 * Test files' rows follow the training rows, and `fixedTest` lists them.
 *
 * @throws IdxError on a damaged file, image and label counts that differ (naming both files),
 *   labels that are not class numbers, or non-finite pixel values.
 */
export function idxDataset(files: IdxFiles, name: string, names?: Partial<Record<keyof IdxFiles, string>>): ClassificationDataset {
  const s = readSet(files, names);
  const parts = s.test ? [{ images: s.images, labels: s.labels }, s.test] : [{ images: s.images, labels: s.labels }];
  const size = s.images.count / s.images.dims[0];
  const samples = parts.reduce((n, p) => n + p.images.dims[0], 0);
  const x = new Float32Array(samples * size);
  const y = new Float32Array(samples);
  let row = 0;
  for (const p of parts) {
    readValues(p.images, x, p.images.dtype === 'uint8' ? 1 / 255 : 1, row * size);
    if (p.images.dtype === 'float32' || p.images.dtype === 'float64') {
      for (let i = row * size; i < (row + p.images.dims[0]) * size; i++) {
        if (!Number.isFinite(x[i])) {
          const at = i - row * size;
          throw new IdxError(msg('dataError.idx.nonFinite', { name: quote(p.images.name), index: Math.floor(at / size), offset: p.images.offset + at * p.images.size, value: String(x[i]) }));
        }
      }
    }
    readValues(p.labels, y, 1, row);
    row += p.images.dims[0];
  }
  const testRows = s.test ? s.test.images.dims[0] : 0;
  return defineDataset({
    name,
    task: 'classification',
    x,
    featureShape: s.featureShape,
    samples,
    y,
    classes: s.classes,
    ...(testRows ? { fixedTest: Uint32Array.from({ length: testRows }, (_, i) => samples - testRows + i) } : {}),
  });
}
