/**
 * A drawing turned into what an MNIST model expects, and images turned into pixels to show.
 * Free of the DOM, so it is tested directly.
 *
 * MNIST's digits were size-normalised to fit a 20 × 20 box keeping their aspect ratio (with
 * anti-aliasing, so edges are grey), then placed in a 28 × 28 field with their centre of mass at
 * the field's centre (LeCun et al.). A model trained on them expects the same of a drawing: a
 * digit drawn small in a corner of the canvas would otherwise look like nothing it has seen.
 *
 * Coordinates: pixel (i, j) covers [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5) and
 * the 28 × 28 field's centre is (14, 14).
 */

/** Side of an MNIST image. */
export const MNIST_SIZE = 28;
/** Side of the box MNIST fits each digit into. */
export const MNIST_BOX = 20;
/** Ink fainter than this is anti-aliasing dust, not part of the digit's extent. */
export const INK_THRESHOLD = 0.02;

/** A pixel rectangle: x0, y0 inclusive, x1, y1 exclusive. */
export interface PixelBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Ink in [0, 1] from an RGBA drawing of white strokes on black: the red channel. */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4] / 255;
  return out;
}

/** The smallest rectangle holding every pixel above `threshold`, or null when there is none. */
export function inkBox(ink: ArrayLike<number>, width: number, height: number, threshold = INK_THRESHOLD): PixelBox | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!(ink[y * width + x] > threshold)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** A rectangle of the source in (fractional) pixel units. */
export interface SourceRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * For each of `n` target cells spanning [start, start + length) of a source axis of `size`
 * pixels, the source pixels it overlaps and by how much (in source pixels). Exact box
 * filtering: a target cell's value is the average of what it covers, fractions of pixels
 * included; pixels beyond the source's edges are background (0) and simply left out.
 */
function overlaps(start: number, length: number, n: number, size: number): { index: number; weight: number }[][] {
  const step = length / n;
  const out: { index: number; weight: number }[][] = [];
  for (let t = 0; t < n; t++) {
    const lo = start + t * step;
    const hi = lo + step;
    const cell: { index: number; weight: number }[] = [];
    for (let s = Math.max(0, Math.floor(lo)); s < Math.min(hi, size); s++) {
      const weight = Math.min(hi, s + 1) - Math.max(lo, s);
      if (weight > 1e-9) cell.push({ index: s, weight });
    }
    out.push(cell);
  }
  return out;
}

/**
 * The source region (`width` × `height` image) resampled to `tw` × `th` by area averaging:
 * when shrinking each target pixel is the mean of the source pixels under it (the grey,
 * anti-aliased edges MNIST's digits have); when enlarging it takes the value of the pixel it
 * lies in.
 */
export function resampleArea(
  src: ArrayLike<number>, width: number, height: number, region: SourceRect, tw: number, th: number,
): Float32Array {
  const cols = overlaps(region.x, region.width, tw, width);
  const rows = overlaps(region.y, region.height, th, height);
  const area = (region.width / tw) * (region.height / th);
  const out = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let sum = 0;
      for (const r of rows[ty]) {
        let line = 0;
        for (const c of cols[tx]) line += c.weight * src[r.index * width + c.index];
        sum += r.weight * line;
      }
      out[ty * tw + tx] = sum / area;
    }
  }
  return out;
}

/** The intensity-weighted mean position (pixel centres at i + 0.5), or null for a blank image. */
export function centreOfMass(img: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? { x: mx / mass, y: my / mass } : null;
}

/**
 * A drawing (ink in [0, 1], row-major `width` × `height`) as an MNIST input: 784 values in
 * [0, 1], row-major 28 × 28, 0 the background. The ink's bounding box is scaled to fit 20 × 20
 * keeping its aspect ratio, then shifted by whole pixels so its centre of mass lands within half
 * a pixel of (14, 14); whatever the shift pushes past the edge is cut off, as in MNIST. Returns
 * null for a drawing with no ink.
 */
export function toMnistInput(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  const box = inkBox(ink, width, height);
  if (!box) return null;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const scale = MNIST_BOX / Math.max(bw, bh);
  // Whole target pixels covering the scaled ink; one scale for both axes keeps the aspect ratio,
  // and the ink is centred in them, so a stroke 6.7 pixels wide gets grey edge columns rather
  // than being stretched to 7. (The epsilon keeps 20.000000001 from becoming 21.)
  const tw = Math.min(MNIST_BOX, Math.max(1, Math.ceil(bw * scale - 1e-9)));
  const th = Math.min(MNIST_BOX, Math.max(1, Math.ceil(bh * scale - 1e-9)));
  const region = {
    x: box.x0 - (tw / scale - bw) / 2, y: box.y0 - (th / scale - bh) / 2, width: tw / scale, height: th / scale,
  };
  const digit = resampleArea(ink, width, height, region, tw, th);
  const com = centreOfMass(digit, tw, th);
  if (!com) return null;
  const ox = Math.round(MNIST_SIZE / 2 - com.x);
  const oy = Math.round(MNIST_SIZE / 2 - com.y);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < th; y++) {
    const fy = y + oy;
    if (fy < 0 || fy >= MNIST_SIZE) continue;
    for (let x = 0; x < tw; x++) {
      const fx = x + ox;
      if (fx < 0 || fx >= MNIST_SIZE) continue;
      out[fy * MNIST_SIZE + fx] = Math.min(1, Math.max(0, digit[y * tw + x]));
    }
  }
  return out;
}

/**
 * An image of raw values in [0, 1] (row-major, `channels` per pixel, as NHWC) as RGBA for
 * `ImageData`: one channel shown as grey, three as RGB; other counts show their first channel.
 * Values outside [0, 1] are clamped, NaN shows black.
 */
export function imageToRgba(values: ArrayLike<number>, width: number, height: number, channels: number, offset = 0): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(width * height * 4);
  const byte = (v: number) => (v > 0 ? Math.round(Math.min(1, v) * 255) : 0);
  for (let i = 0; i < width * height; i++) {
    const at = offset + i * channels;
    if (channels === 3) {
      out[i * 4] = byte(values[at]);
      out[i * 4 + 1] = byte(values[at + 1]);
      out[i * 4 + 2] = byte(values[at + 2]);
    } else {
      const g = byte(values[at]);
      out[i * 4] = g;
      out[i * 4 + 1] = g;
      out[i * 4 + 2] = g;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** True when a feature shape is one MNIST-sized greyscale image (NHWC without the batch). */
export const isMnistShape = (shape: readonly number[]): boolean =>
  shape.length === 3 && shape[0] === MNIST_SIZE && shape[1] === MNIST_SIZE && shape[2] === 1;
