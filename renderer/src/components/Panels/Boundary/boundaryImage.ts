/**
 * The decision-boundary plot's arithmetic, free of the DOM so it is tested directly: the class
 * palette, the grid of class probabilities turned into RGBA pixels, the mapping from data
 * coordinates to the plot's pixels, and round tick values for the axes.
 *
 * The grid follows the protocol's `Boundary`: resolution² cells × classes, row-major, row 0 at
 * the top (y = yRange[1]), column 0 at x = xRange[0], each value the probability at the cell's
 * centre.
 */

/** An sRGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** TensorFlow Playground's two colours, so the XOR and spiral lessons look like the course's screenshots. */
export const TWO_CLASS_COLORS: readonly Rgb[] = [
  [245, 147, 34], // orange
  [8, 119, 189], // blue
];

/**
 * Ten colours told apart also by most colour-blind people (Okabe–Ito, with Tableau's for the
 * rest), ordered so the first few are the most distinct.
 */
export const MANY_CLASS_COLORS: readonly Rgb[] = [
  [230, 159, 0],
  [0, 114, 178],
  [0, 158, 115],
  [204, 121, 167],
  [213, 94, 0],
  [86, 180, 233],
  [148, 103, 189],
  [140, 86, 75],
  [188, 189, 34],
  [127, 127, 127],
];

/** What an uncertain cell fades towards: near-white, like Playground's neutral #e8eaeb but lighter. */
export const NEUTRAL: Rgb = [246, 247, 248];

/**
 * How much of the class blend an entirely unsure cell keeps (0 would be plain NEUTRAL). A little
 * of it stays so a learner can still see which classes compete there.
 */
export const MIN_STRENGTH = 0.15;

/** Painted where the model's probabilities are not numbers (a diverged run). */
export const INVALID: Rgb = [200, 200, 200];

/**
 * One colour per class: Playground's orange and blue for two classes, a fixed palette of ten
 * for more, and beyond ten, hues spread by the golden angle (rarely needed: data sets with more
 * than ten classes are not 2-D point sets in the course).
 */
export function classPalette(classes: number): Rgb[] {
  if (classes <= 2) return TWO_CLASS_COLORS.slice(0, Math.max(classes, 1));
  const out: Rgb[] = MANY_CLASS_COLORS.slice(0, classes);
  for (let c = out.length; c < classes; c++) out.push(hslToRgb(((c - MANY_CLASS_COLORS.length) * 137.508) % 360, 0.6, 0.5));
  return out;
}

/** HSL (hue in degrees, saturation and lightness in [0,1]) to sRGB. */
function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [f(0), f(8), f(4)];
}

/**
 * How sure a probability vector is, 0 (uniform) to 1 (one class has it all): the top
 * probability rescaled so that 1/classes maps to 0.
 */
export function certainty(probs: ArrayLike<number>, offset: number, classes: number): number {
  if (classes <= 1) return 1;
  let max = 0;
  for (let c = 0; c < classes; c++) max = Math.max(max, probs[offset + c]);
  const floor = 1 / classes;
  return Math.min(1, Math.max(0, (max - floor) / (1 - floor)));
}

/**
 * The colour of one cell: the class colours averaged with the probabilities as weights, then
 * faded towards NEUTRAL as the cell gets less certain. A cell certain of one class gets exactly
 * that class's colour; a 50/50 cell of two classes gets their average, mostly faded.
 */
export function cellColor(probs: ArrayLike<number>, offset: number, classes: number, palette: readonly Rgb[]): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  let total = 0;
  for (let c = 0; c < classes; c++) {
    const p = probs[offset + c];
    if (!Number.isFinite(p)) return INVALID;
    const w = Math.max(0, p);
    const color = palette[c % palette.length];
    r += w * color[0];
    g += w * color[1];
    b += w * color[2];
    total += w;
  }
  if (total <= 0) return INVALID;
  // Normalise: the engine's probabilities sum to 1 up to rounding, but a regression-like output
  // squeezed into [0,1] need not.
  const strength = MIN_STRENGTH + (1 - MIN_STRENGTH) * certainty(probs, offset, classes);
  const mix = (v: number, n: number) => Math.round(n + (v / total - n) * strength);
  return [mix(r, NEUTRAL[0]), mix(g, NEUTRAL[1]), mix(b, NEUTRAL[2])];
}

/** The parts of a protocol `Boundary` this module reads. */
export interface BoundaryGrid {
  readonly resolution: number;
  readonly classes: number;
  readonly probs: ArrayLike<number>;
}

/**
 * The grid as an RGBA image of resolution × resolution pixels (row 0 at the top, as the grid),
 * ready for `new ImageData(pixels, resolution)`. Reuses `out` when it has the right size, since
 * a new grid arrives up to twenty times a second.
 */
export function boundaryPixels(grid: BoundaryGrid, palette: readonly Rgb[], out?: Uint8ClampedArray<ArrayBuffer>): Uint8ClampedArray<ArrayBuffer> {
  const { resolution, classes, probs } = grid;
  const cells = resolution * resolution;
  if (probs.length < cells * classes) {
    throw new Error(`Boundary grid too short: ${probs.length} values for ${resolution}×${resolution} cells × ${classes} classes.`);
  }
  const pixels = out && out.length === cells * 4 ? out : new Uint8ClampedArray(cells * 4);
  for (let i = 0; i < cells; i++) {
    const [r, g, b] = cellColor(probs, i * classes, classes, palette);
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}

/** Where the data's ranges land on screen: the plot's rectangle in CSS pixels. */
export interface PlotRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Data coordinates to pixels: x grows to the right from xRange[0] at the rect's left edge, y
 * grows upwards from yRange[0] at its bottom edge — the same frame as the grid, whose row 0 is
 * yRange[1].
 */
export function dataToPixel(
  x: number, y: number, xRange: readonly [number, number], yRange: readonly [number, number], rect: PlotRect,
): [number, number] {
  const sx = xRange[1] === xRange[0] ? 0.5 : (x - xRange[0]) / (xRange[1] - xRange[0]);
  const sy = yRange[1] === yRange[0] ? 0.5 : (yRange[1] - y) / (yRange[1] - yRange[0]);
  return [rect.left + sx * rect.width, rect.top + sy * rect.height];
}

/**
 * Round tick values inside [lo, hi], about `target` of them (d3's `ticks`), stepped by 1, 2 or
 * 5 × 10ⁿ (the steps people read at a glance). Also returns the step's decimals, for formatting.
 */
export function niceTicks(lo: number, hi: number, target = 5): { values: number[]; decimals: number } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo || target < 1) return { values: [], decimals: 0 };
  const rough = (hi - lo) / target;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  // d3's rule: the multiple whose tick count lands nearest the target (on a log scale).
  const error = rough / power;
  const step = power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  // Integer multiples of the step, rounded to its decimals, so that 3 × 0.2 is 0.6 and not
  // 0.6000000000000001 (and -0 is 0).
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) values.push(Number((k * step).toFixed(decimals)) || 0);
  return { values, decimals };
}

/**
 * A training point's fill: its class colour darkened by a quarter. Where the network is right
 * a point sits on a region of its own colour, and would vanish there in exactly that colour.
 */
export function pointColor(c: Rgb): Rgb {
  return [Math.round(c[0] * 0.75), Math.round(c[1] * 0.75), Math.round(c[2] * 0.75)];
}

/** A dark or a white outline, whichever stands out more against a point's fill. */
export function outlineFor(fill: Rgb): string {
  const luminance = 0.2126 * fill[0] + 0.7152 * fill[1] + 0.0722 * fill[2];
  return luminance > 170 ? 'rgba(30, 35, 40, 0.85)' : 'rgba(255, 255, 255, 0.95)';
}

/** CSS for an Rgb. */
export const cssColor = (c: Rgb): string => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
