/**
 * WebGPU pooling kernels (NHWC): maxPool2d, maxPool2dBackward, avgPool2d, avgPool2dBackward.
 * Same meaning as the CPU kernels (cpu/pool.ts): a window's in-bounds cells only (padding never
 * wins a max and is not counted in an average), a window with no in-bounds cell gives 0, and the
 * max is the first largest cell in row-major window order (strictly greater replaces, so a NaN
 * wins only as its window's first cell).
 *
 * Forward passes run a thread per output element. The backward passes need no atomics: a thread
 * per INPUT element gathers over the output windows that contain it, in output order (row, then
 * column) — for max, re-finding each window's winner as the forward pass does and adding the
 * window's gradient where that winner is this cell, so overlapping windows and ties route each
 * gradient to exactly the cell the CPU picks, summed in the CPU's order (bit-equal in float32).
 *
 * Parameters (u32): n, channels, inH, inW, outH, outW, kH, kW, strideH, strideW, padTop, padLeft.
 * Nothing about the geometry is baked into the WGSL: four pipelines in all.
 */
import { sizeOf } from '../../core/shape';
import type { Kernels, Pool2dGeometry, TensorView } from '../backend';
import { grid, type GpuRuntime, type GpuStorage } from './runtime';
import { header, main1d } from './wgsl';

/** Geometry constants (i32) and the window span helpers every pooling kernel shares. */
const GEOMETRY = /* wgsl */ `
struct Span { lo: i32, hi: i32 }
// The in-bounds kernel offsets [lo, hi) of a window starting at start on an axis of size.
fn span(start: i32, k: i32, size: i32) -> Span { return Span(max(0, -start), min(k, size - start)); }
fn gp(k: u32) -> i32 { return i32(p[k]); }
`;

/** Declarations of the geometry as i32 lets (C is u32). */
const LETS = `
  let C = p[1]; let inH = gp(2u); let inW = gp(3u); let outH = gp(4u); let outW = gp(5u);
  let kH = gp(6u); let kW = gp(7u); let sH = gp(8u); let sW = gp(9u); let pT = gp(10u); let pL = gp(11u);`;

/** Splits an NHWC index `i` over (rows, cols, C) into b, h, w (i32) and c (u32). */
const split = (rows: string, cols: string) => `
  let c = i % C;
  let pix = i / C;
  let w = i32(pix % u32(${cols}));
  let bh = pix / u32(${cols});
  let h = i32(bh % u32(${rows}));
  let b = i32(bh / u32(${rows}));`;

/** The input's flat index of (b, row, col, c). */
const IN_AT = 'fn inAt(b: i32, row: i32, col: i32, C: u32, inH: i32, inW: i32, c: u32) -> u32 { return u32((b * inH + row) * inW + col) * C + c; }\n';

/** Forward: b1 = x, b2 = out; thread per output element. */
const FORWARD_PRELUDE = `${LETS}${split('outH', 'outW')}
  let h0 = h * sH - pT;
  let w0 = w * sW - pL;
  let rs = span(h0, kH, inH);
  let cs = span(w0, kW, inW);
  if (rs.lo >= rs.hi || cs.lo >= cs.hi) { b2[i] = 0.0; return; }`;

const MAX_FORWARD = header(['read', 'read_write']) + GEOMETRY + IN_AT + main1d(`${FORWARD_PRELUDE}
  var m = b1[inAt(b, h0 + rs.lo, w0 + cs.lo, C, inH, inW, c)];
  for (var kh = rs.lo; kh < rs.hi; kh++) {
    for (var kw = cs.lo; kw < cs.hi; kw++) {
      let v = b1[inAt(b, h0 + kh, w0 + kw, C, inH, inW, c)];
      if (v > m) { m = v; }
    }
  }
  b2[i] = m;`);

const AVG_FORWARD = header(['read', 'read_write']) + GEOMETRY + IN_AT + main1d(`${FORWARD_PRELUDE}
  var s = 0.0;
  for (var kh = rs.lo; kh < rs.hi; kh++) {
    for (var kw = cs.lo; kw < cs.hi; kw++) {
      s += b1[inAt(b, h0 + kh, w0 + kw, C, inH, inW, c)];
    }
  }
  b2[i] = s / f32((rs.hi - rs.lo) * (cs.hi - cs.lo));`);

/**
 * Backward: thread per input element (b, h, w, c), looping over the windows (oh, ow) that
 * contain it in output order; `visit` runs per window with h0, w0, rs, cs and `o` (dy's index).
 * The windows containing row h are those with oh·sH − pT ≤ h < oh·sH − pT + kH.
 */
const backward = (write: number, visit: string) => main1d(`${LETS}${split('inH', 'inW')}
  let xh = h + pT;
  let xw = w + pL;
  let ohLo = (max(xh - kH + 1, 0) + sH - 1) / sH;
  let ohHi = min(outH - 1, xh / sH);
  let owLo = (max(xw - kW + 1, 0) + sW - 1) / sW;
  let owHi = min(outW - 1, xw / sW);
  var acc = 0.0;
  for (var oh = ohLo; oh <= ohHi; oh++) {
    let h0 = oh * sH - pT;
    let rs = span(h0, kH, inH);
    for (var ow = owLo; ow <= owHi; ow++) {
      let w0 = ow * sW - pL;
      let cs = span(w0, kW, inW);
      let o = u32((b * outH + oh) * outW + ow) * C + c;
      ${visit}
    }
  }
  b${write}[i] = acc;`);

/** b1 = x, b2 = dy, b3 = dx. The window's winner found exactly as MAX_FORWARD finds it. */
const MAX_BACKWARD = header(['read', 'read', 'read_write']) + GEOMETRY + IN_AT + backward(3, `
      var bestH = h0 + rs.lo;
      var bestW = w0 + cs.lo;
      var m = b1[inAt(b, bestH, bestW, C, inH, inW, c)];
      for (var kh = rs.lo; kh < rs.hi; kh++) {
        for (var kw = cs.lo; kw < cs.hi; kw++) {
          let v = b1[inAt(b, h0 + kh, w0 + kw, C, inH, inW, c)];
          if (v > m) { m = v; bestH = h0 + kh; bestW = w0 + kw; }
        }
      }
      if (bestH == h && bestW == w) { acc += b2[o]; }`);

/** b1 = dy, b2 = dx: each containing window's gradient over its in-bounds cell count. */
const AVG_BACKWARD = header(['read', 'read_write']) + GEOMETRY + backward(2, `
      acc += b1[o] / f32((rs.hi - rs.lo) * (cs.hi - cs.lo));`);

const params = (n: number, g: Pool2dGeometry) =>
  [n, g.channels, g.inH, g.inW, g.outH, g.outW, g.kH, g.kW, g.strideH, g.strideW, g.padTop, g.padLeft];

export function poolKernels(rt: GpuRuntime): Pick<Kernels, 'maxPool2d' | 'maxPool2dBackward' | 'avgPool2d' | 'avgPool2dBackward'> {
  const s = (v: TensorView) => v.storage as GpuStorage;
  const outSize = (g: Pool2dGeometry) => sizeOf([g.batch, g.outH, g.outW, g.channels]);
  const inSize = (g: Pool2dGeometry) => sizeOf([g.batch, g.inH, g.inW, g.channels]);

  function run(wgsl: string, inputs: readonly TensorView[], n: number, g: Pool2dGeometry): GpuStorage {
    const out = rt.alloc(n * 4);
    if (n > 0) rt.dispatch(wgsl, [...inputs.map(s), out], params(n, g), grid(n));
    return out;
  }

  return {
    maxPool2d: (x, g) => run(MAX_FORWARD, [x], outSize(g), g),
    avgPool2d: (x, g) => run(AVG_FORWARD, [x], outSize(g), g),
    maxPool2dBackward: (x, dy, g) => run(MAX_BACKWARD, [x, dy], inSize(g), g),
    avgPool2dBackward: (dy, g) => run(AVG_BACKWARD, [dy], inSize(g), g),
  };
}
