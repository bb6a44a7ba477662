/**
 * im2col and its adjoint col2im for NHWC convolutions, so convolutions run on the packed GEMM.
 *
 * Row r of the column matrix is output pixel r of the batch (b, oh, ow in row-major order, the
 * same order as the rows of the NHWC output), and its K = kH·kW·inC columns are the input values
 * under that pixel's window in (kh, kw, ci) order: the row order of the HWIO filter viewed as a
 * (K, outC) matrix. Taps that fall in the padding are zeros. Callers work on a range of rows at a
 * time so the column buffer stays bounded. float32 (training, on the SIMD GEMM) and float64
 * (gradient checks, on the JS GEMM) share the code.
 */
import type { Conv2dGeometry } from '../backend';

/** First kernel tap k ≥ 0 whose position start + k·dilation is ≥ 0. */
const firstInside = (start: number, dilation: number) => (start >= 0 ? 0 : Math.ceil(-start / dilation));

/** One past the last tap k < taps whose position start + k·dilation is < size (≤ first when none). */
const endInside = (start: number, dilation: number, size: number, taps: number) =>
  Math.min(taps, Math.floor((size - 1 - start) / dilation) + 1);

/**
 * Walks rows [r0, r0 + rows): copies X's window values into `cols`, or with `scatter` adds `cols`
 * onto X. Each row's in-bounds taps are found once, so the inner loops carry no bounds tests, and
 * with dilation 1 a window row is one contiguous run of kW·inC values.
 */
function walk<A extends Float32Array | Float64Array>(g: Conv2dGeometry, r0: number, rows: number, X: A, cols: A,
  scatter: boolean): void {
  const { inH, inW, inC, outH, outW, kH, kW, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  const K = kH * kW * inC;
  const tapRow = kW * inC;
  const perImage = outH * outW;
  const hReach = (kH - 1) * dilationH;
  const wReach = (kW - 1) * dilationW;
  let b = Math.floor(r0 / perImage);
  let oh = Math.floor((r0 - b * perImage) / outW);
  let ow = r0 - b * perImage - oh * outW;
  for (let r = 0; r < rows; r++) {
    const base = r * K;
    const ih0 = oh * strideH - padTop;
    const iw0 = ow * strideW - padLeft;
    // Most windows lie wholly inside the image: two comparisons instead of the span arithmetic.
    const rowsInside = ih0 >= 0 && ih0 + hReach < inH;
    const colsInside = iw0 >= 0 && iw0 + wReach < inW;
    const khLo = rowsInside ? 0 : firstInside(ih0, dilationH);
    const khHi = rowsInside ? kH : endInside(ih0, dilationH, inH, kH);
    const kwLo = colsInside ? 0 : firstInside(iw0, dilationW);
    const kwHi = colsInside ? kW : endInside(iw0, dilationW, inW, kW);
    // Padding taps read as zero; a fill of the whole row is simpler than filling around the runs.
    if (!scatter && (khLo > 0 || khHi < kH || kwLo > 0 || kwHi < kW)) cols.fill(0, base, base + K);
    for (let kh = khLo; kh < khHi; kh++) {
      let d = base + kh * tapRow + kwLo * inC;
      let s = ((b * inH + ih0 + kh * dilationH) * inW + iw0 + kwLo * dilationW) * inC;
      if (dilationW === 1) {
        const end = d + (kwHi - kwLo) * inC;
        if (scatter) for (; d < end; d++, s++) X[s] += cols[d];
        else for (; d < end; d++, s++) cols[d] = X[s];
      } else {
        for (let kw = kwLo; kw < kwHi; kw++, d += inC, s += dilationW * inC) {
          if (scatter) for (let c = 0; c < inC; c++) X[s + c] += cols[d + c];
          else for (let c = 0; c < inC; c++) cols[d + c] = X[s + c];
        }
      }
    }
    if (++ow === outW) {
      ow = 0;
      if (++oh === outH) {
        oh = 0;
        b++;
      }
    }
  }
}

/** Writes rows [r0, r0 + rows) of the column matrix of input `X` into `cols` (rows × K). */
export function im2col<A extends Float32Array | Float64Array>(g: Conv2dGeometry, r0: number, rows: number, X: A, cols: A): void {
  walk(g, r0, rows, X, cols, false);
}

/** Adds rows [r0, r0 + rows) of a column-matrix gradient `cols` back onto the input gradient `dX`. */
export function col2im<A extends Float32Array | Float64Array>(g: Conv2dGeometry, r0: number, rows: number, cols: A, dX: A): void {
  walk(g, r0, rows, dX, cols, true);
}
