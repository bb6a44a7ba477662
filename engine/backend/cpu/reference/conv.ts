/**
 * Reference 2-D convolution (NHWC input, HWIO filter) with its two backward passes, and max/average
 * pooling with theirs, for tests: direct loops with the channel axis innermost, which the fast
 * kernels (../conv.ts, ../pool.ts) are checked against. No zero skipping (0·NaN stays NaN).
 * Not used by the backend. Taps in the padding are skipped here, while the fast kernels' im2col
 * multiplies them as explicit zeros: the two agree on finite values, and with a NaN or infinite
 * weight or gradient the fast kernels give NaN in more places (conv.test.ts pins this down).
 */
import { allocArray, type TypedArray } from '../../../core/dtype';
import type { Conv2dGeometry, Pool2dGeometry, TensorView } from '../../backend';

const arr = (v: TensorView) => v.storage as TypedArray;

/** Calls `visit(outBase, inBase, filterBase)` for every in-bounds (output pixel, kernel tap) pair. */
function forEachTap(g: Conv2dGeometry, visit: (outBase: number, inBase: number, wBase: number) => void): void {
  const { batch, inH, inW, inC, outH, outW, outC, kH, kW } = g;
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        const outBase = ((b * outH + oh) * outW + ow) * outC;
        for (let kh = 0; kh < kH; kh++) {
          const ih = oh * g.strideH - g.padTop + kh * g.dilationH;
          if (ih < 0 || ih >= inH) continue;
          for (let kw = 0; kw < kW; kw++) {
            const iw = ow * g.strideW - g.padLeft + kw * g.dilationW;
            if (iw < 0 || iw >= inW) continue;
            visit(outBase, ((b * inH + ih) * inW + iw) * inC, (kh * kW + kw) * inC * outC);
          }
        }
      }
    }
  }
}

export function conv2d(x: TensorView, w: TensorView, g: Conv2dGeometry): TypedArray {
  const X = arr(x);
  const W = arr(w);
  const { inC, outC } = g;
  const out = allocArray(x.dtype, g.batch * g.outH * g.outW * outC);
  forEachTap(g, (ob, ib, wb) => {
    for (let ci = 0; ci < inC; ci++) {
      const xv = X[ib + ci];
      const wr = wb + ci * outC;
      for (let co = 0; co < outC; co++) out[ob + co] += xv * W[wr + co];
    }
  });
  return out;
}

export function conv2dBackpropInput(dy: TensorView, w: TensorView, g: Conv2dGeometry): TypedArray {
  const DY = arr(dy);
  const W = arr(w);
  const { inC, outC } = g;
  const dx = allocArray(dy.dtype, g.batch * g.inH * g.inW * inC);
  forEachTap(g, (ob, ib, wb) => {
    for (let ci = 0; ci < inC; ci++) {
      const wr = wb + ci * outC;
      let s = 0;
      for (let co = 0; co < outC; co++) s += DY[ob + co] * W[wr + co];
      dx[ib + ci] += s;
    }
  });
  return dx;
}

export function conv2dBackpropFilter(x: TensorView, dy: TensorView, g: Conv2dGeometry): TypedArray {
  const X = arr(x);
  const DY = arr(dy);
  const { inC, outC } = g;
  const dw = allocArray(x.dtype, g.kH * g.kW * inC * outC);
  forEachTap(g, (ob, ib, wb) => {
    for (let ci = 0; ci < inC; ci++) {
      const xv = X[ib + ci];
      const wr = wb + ci * outC;
      for (let co = 0; co < outC; co++) dw[wr + co] += xv * DY[ob + co];
    }
  });
  return dw;
}

/** Calls `visit(outIndex, window)` for every output cell, `window` being the in-bounds input indices. */
function forEachWindow(g: Pool2dGeometry, visit: (outIndex: number, window: readonly number[]) => void): void {
  const { batch, inH, inW, channels: C, outH, outW, kH, kW } = g;
  const window: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        for (let c = 0; c < C; c++) {
          window.length = 0;
          for (let kh = 0; kh < kH; kh++) {
            const ih = oh * g.strideH - g.padTop + kh;
            if (ih < 0 || ih >= inH) continue;
            for (let kw = 0; kw < kW; kw++) {
              const iw = ow * g.strideW - g.padLeft + kw;
              if (iw >= 0 && iw < inW) window.push(((b * inH + ih) * inW + iw) * C + c);
            }
          }
          visit(((b * outH + oh) * outW + ow) * C + c, window);
        }
      }
    }
  }
}

function argMaxOf(X: TypedArray, window: readonly number[]): number {
  let best = -1;
  for (const i of window) if (best < 0 || X[i] > X[best]) best = i;
  return best;
}

export function maxPool2d(x: TensorView, g: Pool2dGeometry): TypedArray {
  const X = arr(x);
  const out = allocArray(x.dtype, g.batch * g.outH * g.outW * g.channels);
  forEachWindow(g, (o, window) => {
    const best = argMaxOf(X, window);
    out[o] = best < 0 ? 0 : X[best];
  });
  return out;
}

export function maxPool2dBackward(x: TensorView, dy: TensorView, g: Pool2dGeometry): TypedArray {
  const X = arr(x);
  const DY = arr(dy);
  const dx = allocArray(x.dtype, X.length);
  forEachWindow(g, (o, window) => {
    const best = argMaxOf(X, window);
    if (best >= 0) dx[best] += DY[o];
  });
  return dx;
}

export function avgPool2d(x: TensorView, g: Pool2dGeometry): TypedArray {
  const X = arr(x);
  const out = allocArray(x.dtype, g.batch * g.outH * g.outW * g.channels);
  forEachWindow(g, (o, window) => {
    let s = 0;
    for (const i of window) s += X[i];
    out[o] = window.length ? s / window.length : 0;
  });
  return out;
}

export function avgPool2dBackward(dy: TensorView, g: Pool2dGeometry): TypedArray {
  const DY = arr(dy);
  const dx = allocArray(dy.dtype, g.batch * g.inH * g.inW * g.channels);
  forEachWindow(g, (o, window) => {
    const share = DY[o] / window.length;
    for (const i of window) dx[i] += share;
  });
  return dx;
}
