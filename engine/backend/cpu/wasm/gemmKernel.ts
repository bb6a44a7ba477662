/**
 * The float32 GEMM macro-kernel as WebAssembly SIMD, generated: for every MR×NR tile of a packed
 * block it keeps MR·NR/4 f32x4 sums in locals (registers) while it streams one packed A panel
 * (MR values per k, each splatted over the lanes) and one packed B panel (NR values per k, NR/4
 * vectors). With relaxed SIMD the multiply-add is one `f32x4.relaxed_madd` (an FMA on x86 and
 * ARM); without, a multiply then an add.
 *
 *   block(mc, nc, kc, pa, pb, pc, ldc, first)
 *     C[0:mc, 0:nc] (=|+=) Apacked[0:mc, 0:kc] · Bpacked[0:kc, 0:nc]
 *     mc a multiple of MR, nc of NR; pa, pb, pc byte addresses; ldc bytes per C row;
 *     first ≠ 0 overwrites C, 0 adds to it.
 */
import { emitModule, I32, op, V128 } from './emit';

export interface KernelShape {
  /** Rows of a micro-tile. */
  readonly mr: number;
  /** Columns of a micro-tile, a multiple of 4. */
  readonly nr: number;
}

/** 4×8: 8 accumulators + 2 B vectors + 1 splat; measured faster than 6×8, 4×12, 8×8 and 4×16 (28 vs 25, 25, 20, 22 GFLOP/s at 1024², plain SIMD, one Zen 4 core). */
export const DEFAULT_SHAPE: KernelShape = { mr: 4, nr: 8 };

// Parameters and locals, by index.
const MC = 0, NC = 1, KC = 2, PA = 3, PB = 4, PC = 5, LDC = 6, FIRST = 7;
const IR = 8, JR = 9, P = 10, APTR = 11, BPTR = 12, CPTR = 13, APANEL = 14, BPANEL = 15;
const V0 = 16;

/** The kernel module's bytes for a memory of `pages` (64 KiB) pages. */
export function gemmKernelModule(shape: KernelShape, relaxed: boolean, memory: { minPages: number; maxPages?: number; shared?: boolean }): Uint8Array<ArrayBuffer> {
  const { mr, nr } = shape;
  if (nr % 4 !== 0 || mr < 1) throw new RangeError(`kernel shape ${mr}×${nr}: columns must be a multiple of 4`);
  const vecs = nr / 4;
  const acc = (r: number, v: number) => V0 + r * vecs + v;
  const bReg = (v: number) => V0 + mr * vecs + v;
  const aReg = V0 + mr * vecs + vecs;
  const locals = [...new Array(8).fill(I32), ...new Array(mr * vecs + vecs + 1).fill(V128)];

  /** Address of C row r of the tile: cPtr + r·ldc. */
  const cRow = (r: number) => r === 0 ? op.get(CPTR) : [...op.get(CPTR), ...op.get(LDC), ...op.i32(r), ...op.i32Mul(), ...op.i32Add()];

  const body: number[] = [
    ...op.get(PB), ...op.set(BPANEL),
    ...op.i32(0), ...op.set(JR),
    ...op.loop(), // J: tiles across the columns
    ...op.get(PA), ...op.set(APANEL),
    ...op.i32(0), ...op.set(IR),
    ...op.loop(), // I: tiles down the rows
    // cPtr = pc + ir·ldc + jr·4
    ...op.get(PC), ...op.get(IR), ...op.get(LDC), ...op.i32Mul(), ...op.i32Add(), ...op.get(JR), ...op.i32(2), ...op.i32Shl(), ...op.i32Add(), ...op.set(CPTR),
    ...op.get(FIRST), ...op.if(),
  ];
  for (let r = 0; r < mr; r++) for (let v = 0; v < vecs; v++) body.push(...op.v128Zero(), ...op.set(acc(r, v)));
  body.push(...op.else());
  for (let r = 0; r < mr; r++) for (let v = 0; v < vecs; v++) body.push(...cRow(r), ...op.v128Load(v * 16), ...op.set(acc(r, v)));
  body.push(
    ...op.end(),
    ...op.get(APANEL), ...op.set(APTR),
    ...op.get(BPANEL), ...op.set(BPTR),
    ...op.get(KC), ...op.set(P),
    ...op.loop(), // K: one rank-1 update of the tile per step
  );
  for (let v = 0; v < vecs; v++) body.push(...op.get(BPTR), ...op.v128Load(v * 16), ...op.set(bReg(v)));
  for (let r = 0; r < mr; r++) {
    body.push(...op.get(APTR), ...op.load32Splat(r * 4), ...op.set(aReg));
    for (let v = 0; v < vecs; v++) {
      if (relaxed) body.push(...op.get(aReg), ...op.get(bReg(v)), ...op.get(acc(r, v)), ...op.f32x4RelaxedMadd(), ...op.set(acc(r, v)));
      else body.push(...op.get(acc(r, v)), ...op.get(aReg), ...op.get(bReg(v)), ...op.f32x4Mul(), ...op.f32x4Add(), ...op.set(acc(r, v)));
    }
  }
  body.push(
    ...op.get(APTR), ...op.i32(mr * 4), ...op.i32Add(), ...op.set(APTR),
    ...op.get(BPTR), ...op.i32(nr * 4), ...op.i32Add(), ...op.set(BPTR),
    ...op.get(P), ...op.i32(1), ...op.i32Sub(), ...op.tee(P), ...op.brIf(0),
    ...op.end(), // K
  );
  for (let r = 0; r < mr; r++) for (let v = 0; v < vecs; v++) body.push(...cRow(r), ...op.get(acc(r, v)), ...op.v128Store(v * 16));
  body.push(
    // next row tile: aPanel += kc·mr·4, ir += mr, while ir < mc
    ...op.get(APANEL), ...op.get(KC), ...op.i32(mr * 4), ...op.i32Mul(), ...op.i32Add(), ...op.set(APANEL),
    ...op.get(IR), ...op.i32(mr), ...op.i32Add(), ...op.tee(IR), ...op.get(MC), ...op.i32LtU(), ...op.brIf(0),
    ...op.end(), // I
    ...op.get(BPANEL), ...op.get(KC), ...op.i32(nr * 4), ...op.i32Mul(), ...op.i32Add(), ...op.set(BPANEL),
    ...op.get(JR), ...op.i32(nr), ...op.i32Add(), ...op.tee(JR), ...op.get(NC), ...op.i32LtU(), ...op.brIf(0),
    ...op.end(), // J
  );
  return emitModule([{ name: 'block', params: new Array(8).fill(I32), locals, body }], memory);
}

/** A one-instruction module using relaxed SIMD: valid exactly where the runtime has it. */
export function relaxedProbeModule(): Uint8Array<ArrayBuffer> {
  const body = [...op.v128Zero(), ...op.v128Zero(), ...op.v128Zero(), ...op.f32x4RelaxedMadd(), 0x1a /* drop */];
  return emitModule([{ name: 'probe', params: [], locals: [], body }], { minPages: 1 });
}
