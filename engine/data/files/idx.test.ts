import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeIdx, encodeIdx, idxDataset, IdxError, parseIdx, type IdxDType } from './idx';

/** Bytes of an IDX file written by hand, big-endian, to check encodeIdx against. */
function handWritten(code: number, dims: number[], data: number[]): Uint8Array {
  const header = [0, 0, code, dims.length];
  for (const d of dims) header.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return new Uint8Array([...header, ...data]);
}

function expectIdxError(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IdxError);
  expect((error as Error).message).toMatch(pattern);
}

describe('IDX files', () => {
  const cases: [IdxDType, number[]][] = [
    ['uint8', [0, 1, 127, 128, 255, 7]],
    ['int8', [-128, -1, 0, 1, 127, 5]],
    ['int16', [-32768, -300, 0, 300, 32767, 9]],
    ['int32', [-2147483648, -70000, 0, 70000, 2147483647, 3]],
    ['float32', [-1.5, 0, 0.25, 3.5e38, -1e-30, 100]],
    ['float64', [-1.5, 0.1, 1e300, -1e-300, Math.PI, 2]],
  ];
  it.each(cases)('round-trips %s through encodeIdx and parseIdx', (dtype, values) => {
    const bytes = encodeIdx(dtype, [2, 3], values);
    const parsed = parseIdx(bytes, 'x.idx');
    expect(parsed.dtype).toBe(dtype);
    expect(parsed.dims).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual(dtype === 'float32' ? values.map(Math.fround) : values);
    expect(parsed.data).toBeInstanceOf(dtype === 'int32' || dtype === 'float64' ? Float64Array : Float32Array);
  });

  it('writes the format byte for byte', () => {
    expect(encodeIdx('uint8', [2], [1, 2])).toEqual(handWritten(0x08, [2], [1, 2]));
    expect(encodeIdx('int16', [1, 1], [-2])).toEqual(handWritten(0x0b, [1, 1], [0xff, 0xfe]));
    expect(parseIdx(handWritten(0x0c, [1], [0x00, 0x01, 0x00, 0x02]), 'h').data[0]).toBe(65538);
    expect(() => encodeIdx('uint8', [2], [1, 256])).toThrow(IdxError);
    expect(() => encodeIdx('uint8', [3], [1, 2])).toThrow(/hold 3 values, but 2/);
  });

  it('reads gzip-compressed files as downloaded', () => {
    const gz = gzipSync(encodeIdx('int8', [3], [-1, 0, 1]));
    expect(gz[0]).toBe(0x1f);
    expect(Array.from(parseIdx(gz, 'x.gz').data)).toEqual([-1, 0, 1]);
    const broken = gz.slice(0, 12);
    expectIdxError(() => parseIdx(broken, 'x.gz'), /'x\.gz' starts like a gzip file but cannot be decompressed/);
  });

  it('names the file and byte of a damaged header', () => {
    const good = encodeIdx('uint8', [2, 2], [1, 2, 3, 4]);
    const magic = good.slice();
    magic[0] = 8;
    expectIdxError(() => parseIdx(magic, 'a.idx'), /^IDX file 'a\.idx', byte 0: an IDX file starts with two zero bytes, this one with 0x08 0x00/);
    const dtype = good.slice();
    dtype[2] = 0x07;
    expectIdxError(() => parseIdx(dtype, 'a.idx'), /byte 2: unknown data type 0x07/);
    const noDims = good.slice();
    noDims[3] = 0;
    expectIdxError(() => parseIdx(noDims, 'a.idx'), /byte 3: the file declares 0 dimensions/);
    const zero = good.slice();
    zero.set([0, 0, 0, 0], 8);
    expectIdxError(() => parseIdx(zero, 'a.idx'), /byte 8: dimension 2 of 2 is 0/);
    expectIdxError(() => parseIdx(good.subarray(0, 6), 'a.idx'), /header declares 2 dimensions \(12 header bytes\) but the file ends after 6 bytes/);
    expectIdxError(() => parseIdx(new Uint8Array([0, 0]), 'a.idx'), /too short/);
    const huge = handWritten(0x08, [0x10000, 0x10000], []);
    expectIdxError(() => parseIdx(huge, 'a.idx'), /byte 8: dimensions \[65536, 65536…\] describe more than 2147483647 values/);
  });

  it('says how many bytes are missing, and refuses trailing bytes', () => {
    const good = encodeIdx('int16', [2, 3], [1, 2, 3, 4, 5, 6]);
    expectIdxError(() => parseIdx(good.subarray(0, good.length - 5), 'b.idx'), /need 12 data bytes but only 7 are there: 5 bytes are missing/);
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    expectIdxError(() => parseIdx(longer, 'b.idx'), /byte 24: 3 extra bytes after the 12 data bytes/);
  });
});

describe('IDX data sets', () => {
  // Three 2×2 images: pixel values 0…255 and their labels.
  const images = encodeIdx('uint8', [3, 2, 2], [0, 51, 102, 255, 255, 0, 0, 255, 10, 20, 30, 40]);
  const labels = encodeIdx('uint8', [3], [2, 0, 1]);

  it('scales uint8 images to [0, 1] with shape [h, w, 1]', () => {
    const d = idxDataset({ images, labels }, 'digits');
    expect(d).toMatchObject({ name: 'digits', task: 'classification', featureShape: [2, 2, 1], samples: 3, classes: 3 });
    expect(Array.from(d.x.subarray(0, 4))).toEqual([0, 51, 102, 255].map((v) => Math.fround(v / 255)));
    expect(Array.from(d.y)).toEqual([2, 0, 1]);
    expect(d.fixedTest).toBeUndefined();
    expect(describeIdx({ images, labels })).toEqual({ featureShape: [2, 2, 1], classes: 3, samples: 3, testSamples: 0 });
  });

  it('appends test files after the training rows and lists them in fixedTest', () => {
    const testImages = gzipSync(encodeIdx('uint8', [2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]));
    const testLabels = encodeIdx('uint8', [2], [4, 0]);
    const d = idxDataset({ images, labels, testImages, testLabels }, 'digits');
    expect(d.samples).toBe(5);
    expect(d.classes).toBe(5); // label 4 only occurs in the test set
    expect(Array.from(d.fixedTest!)).toEqual([3, 4]);
    expect(Array.from(d.y)).toEqual([2, 0, 1, 4, 0]);
    expect(d.x[4 * 4 + 3]).toBeCloseTo(8 / 255, 6);
    expect(describeIdx({ images, labels, testImages, testLabels })).toEqual({ featureShape: [2, 2, 1], classes: 5, samples: 3, testSamples: 2 });
  });

  it('keeps other types as they are and reads [n, d] and [n, h, w, c] shapes', () => {
    const flat = encodeIdx('float32', [2, 3], [0.5, -1, 2, 3, 4, 5]);
    const d = idxDataset({ images: flat, labels: encodeIdx('int32', [2], [0, 1]) }, 'flat');
    expect(d.featureShape).toEqual([3]);
    expect(Array.from(d.x)).toEqual([0.5, -1, 2, 3, 4, 5]);
    const rgb = encodeIdx('uint8', [1, 1, 2, 3], [0, 0, 0, 255, 255, 255]);
    expect(idxDataset({ images: rgb, labels: encodeIdx('uint8', [1], [1]) }, 'rgb').featureShape).toEqual([1, 2, 3]);
  });

  it('names both files and both counts when they differ', () => {
    expectIdxError(
      () => idxDataset({ images, labels: encodeIdx('uint8', [2], [0, 1]) }, 'd', { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' }),
      /'train-images-idx3-ubyte' holds 3 images but 'train-labels-idx1-ubyte' holds 2 labels/,
    );
    expectIdxError(() => describeIdx({ images, labels: encodeIdx('uint8', [4], [0, 1, 1, 0]) }), /'training images' holds 3 images but 'training labels' holds 4 labels/);
  });

  it('refuses labels that are not class numbers, swapped files and a test set without labels', () => {
    expectIdxError(() => idxDataset({ images, labels: encodeIdx('int8', [3], [0, -1, 1]) }, 'd'), /label 1 \(byte 9\) is -1/);
    expectIdxError(() => idxDataset({ images, labels: encodeIdx('float32', [3], [0, 1.5, 1]) }, 'd'), /is 1\.5; labels must be class numbers/);
    expectIdxError(() => idxDataset({ images: labels, labels: images }, 'd'), /images must be \[count, values\]/);
    expectIdxError(() => idxDataset({ images, labels, testImages: images }, 'd'), /'test images' was given without its labels file/);
    const wide = encodeIdx('uint8', [1, 3, 3], new Array(9).fill(0));
    expectIdxError(() => idxDataset({ images, labels, testImages: wide, testLabels: encodeIdx('uint8', [1], [0]) }, 'd'), /are 3×3×1, but training images 'training images' are 2×2×1/);
    const nan = encodeIdx('float64', [1, 2], [1, NaN]);
    expectIdxError(() => idxDataset({ images: nan, labels: encodeIdx('uint8', [1], [0]) }, 'd'), /image 0 \(byte 20\) has the value NaN/);
  });
});
