/**
 * float32 max pooling (NHWC) and its backward pass as WebAssembly SIMD, four channels per lane
 * group, for the common geometry: windows wholly inside the input (no padding) and a channel
 * count that is a multiple of 4. The JS loop (pool.ts) mispredicts a comparison per cell on noisy
 * activations (~8–10 ns per element measured); here a window is a compare-and-select per cell,
 * without branches.
 *
 * Same results as pool.ts bit for bit: the first largest cell in row-major window order wins
 * (strictly greater replaces; a NaN wins only as the first cell, since nothing compares greater
 * than it or it greater than anything), and the backward pass adds DY to the winners in the
 * same order (output row, column, channel), in float32.
 *
 *   maxpool(outH, outW, c4, kH, kW, rowBytes, pixBytes, colStep, rowStep, xAt, outAt)
 *   maxpoolBackward(…the same, with dyAt for outAt…, dxMinusX)
 *     rowBytes: bytes per input row; pixBytes: per input pixel (channels·4); colStep, rowStep:
 *     bytes between windows along a row and down a column; dxMinusX: dx's address minus x's.
 *
 * The driver runs one image at a time: it copies the image (and DY) into the module's memory,
 * runs the kernel, and copies the output (or dx) back.
 */
import type { Pool2dGeometry } from '../../backend';
import { emitModule, forUp, I32, op, V128 } from './emit';
import { PAGE, wasm, type WasmMemory } from './wasmApi';

const OUT_H = 0, OUT_W = 1, C4 = 2, KH = 3, KW = 4, ROW_BYTES = 5, PIX_BYTES = 6, COL_STEP = 7, ROW_STEP = 8, X_AT = 9, OUT_AT = 10, DX_MINUS_X = 11;

function maxpoolFunction(backward: boolean) {
  const params = backward ? 12 : 11;
  let next = params;
  const [oh, ow, cv, kh, kw, pRow, pPix, pVec, pKh, pKw, pOut, addr] = Array.from({ length: 12 }, () => next++);
  const [mx, v, best, mask, dyv] = Array.from({ length: 5 }, () => next++);
  const get = op.get;
  const bump = (p: number, by: number[]) => [...get(p), ...by, ...op.i32Add(), ...op.set(p)];
  /** Byte addresses of the four lanes at pointer `p`. */
  const lanesAt = (p: number) => [...get(p), ...op.i32x4Splat(), ...op.i32x4Const([0, 4, 8, 12]), ...op.i32x4Add()];

  const cell = [
    ...get(pKw), ...op.v128Load(), ...op.set(v),
    ...get(v), ...get(mx), ...op.f32x4Gt(), ...op.set(mask),
    ...get(v), ...get(mx), ...get(mask), ...op.v128Bitselect(), ...op.set(mx),
    ...(backward ? [...lanesAt(pKw), ...get(best), ...get(mask), ...op.v128Bitselect(), ...op.set(best)] : []),
    ...bump(pKw, get(PIX_BYTES)),
  ];
  const window = [
    ...get(pVec), ...op.v128Load(), ...op.set(mx),
    ...(backward ? [...lanesAt(pVec), ...op.set(best)] : []),
    ...get(pVec), ...op.set(pKh),
    ...forUp(kh, get(KH), [
      ...get(pKh), ...op.set(pKw),
      ...forUp(kw, get(KW), cell),
      ...bump(pKh, get(ROW_BYTES)),
    ]),
  ];
  const emit: number[] = [];
  if (!backward) emit.push(...get(pOut), ...get(mx), ...op.v128Store());
  else {
    emit.push(...get(pOut), ...op.v128Load(), ...op.set(dyv));
    for (let lane = 0; lane < 4; lane++) {
      emit.push(
        ...get(best), ...op.i32x4ExtractLane(lane), ...get(DX_MINUS_X), ...op.i32Add(), ...op.set(addr),
        ...get(addr), ...get(addr), ...op.f32Load(), ...get(dyv), ...op.f32x4ExtractLane(lane), ...op.f32Add(), ...op.f32Store(),
      );
    }
  }
  const body = [
    ...get(X_AT), ...op.set(pRow),
    ...get(OUT_AT), ...op.set(pOut),
    ...forUp(oh, get(OUT_H), [
      ...get(pRow), ...op.set(pPix),
      ...forUp(ow, get(OUT_W), [
        ...get(pPix), ...op.set(pVec),
        ...forUp(cv, get(C4), [
          ...window,
          ...emit,
          ...bump(pOut, op.i32(16)),
          ...bump(pVec, op.i32(16)),
        ]),
        ...bump(pPix, get(COL_STEP)),
      ]),
      ...bump(pRow, get(ROW_STEP)),
    ]),
  ];
  return {
    name: backward ? 'maxpoolBackward' : 'maxpool',
    params: new Array<number>(params).fill(I32),
    locals: [...new Array<number>(12).fill(I32), ...new Array<number>(5).fill(V128)],
    body,
  };
}

export function poolKernelModule(): Uint8Array<ArrayBuffer> {
  return emitModule([maxpoolFunction(false), maxpoolFunction(true)], { minPages: 1 });
}

type Fn = (...args: number[]) => void;

export class WasmPool {
  private view: Float32Array;

  private constructor(private readonly memory: WasmMemory, private readonly fns: Readonly<Record<'maxpool' | 'maxpoolBackward', Fn>>) {
    this.view = new Float32Array(memory.buffer);
  }

  static create(): WasmPool | null {
    if (!wasm) return null;
    const bytes = poolKernelModule();
    if (!wasm.validate(bytes)) return null;
    const memory = new wasm.Memory({ initial: 1 });
    const { exports } = new wasm.Instance(new wasm.Module(bytes), { env: { memory } });
    return new WasmPool(memory, exports as Record<'maxpool' | 'maxpoolBackward', Fn>);
  }

  /** True when the kernels cover `g`: every window inside the input, channels a multiple of 4. */
  static handles(g: Pool2dGeometry): boolean {
    return g.channels % 4 === 0 && g.channels > 0 && g.padTop === 0 && g.padLeft === 0 && g.outH > 0 && g.outW > 0 &&
      (g.outH - 1) * g.strideH + g.kH <= g.inH && (g.outW - 1) * g.strideW + g.kW <= g.inW;
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      this.memory.grow(Math.ceil((bytes - have) / PAGE));
      this.view = new Float32Array(this.memory.buffer);
    }
  }

  private args(g: Pool2dGeometry, xAt: number, outAt: number): number[] {
    const pix = g.channels * 4;
    return [g.outH, g.outW, g.channels / 4, g.kH, g.kW, g.inW * pix, pix, g.strideW * pix, g.strideH * g.inW * pix, xAt, outAt];
  }

  /** out = max pooling of X; `handles(g)` must hold. */
  maxPool(g: Pool2dGeometry, X: Float32Array, out: Float32Array): void {
    const inSize = g.inH * g.inW * g.channels;
    const outSize = g.outH * g.outW * g.channels;
    this.reserve((inSize + outSize) * 4);
    const args = this.args(g, 0, inSize * 4);
    for (let b = 0; b < g.batch; b++) {
      this.view.set(X.subarray(b * inSize, (b + 1) * inSize), 0);
      this.fns.maxpool(...args);
      out.set(this.view.subarray(inSize, inSize + outSize), b * outSize);
    }
  }

  /** dx = DY routed to each window's winner (dx starts at zero); `handles(g)` must hold. */
  maxPoolBackward(g: Pool2dGeometry, X: Float32Array, DY: Float32Array, dx: Float32Array): void {
    const inSize = g.inH * g.inW * g.channels;
    const outSize = g.outH * g.outW * g.channels;
    this.reserve((2 * inSize + outSize) * 4);
    const dyAt = inSize;
    const dxAt = inSize + outSize;
    const args = [...this.args(g, 0, dyAt * 4), dxAt * 4];
    for (let b = 0; b < g.batch; b++) {
      const view = this.view;
      view.set(X.subarray(b * inSize, (b + 1) * inSize), 0);
      view.set(DY.subarray(b * outSize, (b + 1) * outSize), dyAt);
      view.fill(0, dxAt, dxAt + inSize);
      this.fns.maxpoolBackward(...args);
      dx.set(view.subarray(dxAt, dxAt + inSize), b * inSize);
    }
  }
}
