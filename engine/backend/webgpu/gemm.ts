/**
 * The tiled GEMM every product kernel runs on (matmul, the three convolutions): a WGSL generator
 * and a dispatcher. C[z] = A[z] · B[z] for an (M, K) by (K, N) product, where A and B are not
 * buffers but WGSL functions `loadA(z, row, k)` and `loadB(z, k, col)`, so a convolution reads
 * its image through im2col indexing in place (implicit GEMM) and matmul honours transposes and
 * broadcast batches without copies.
 *
 * Each workgroup of WX·WY threads computes a TM × TN tile of C (TM = 4·WY, TN = 4·WX), each
 * thread a 4 × 4 block in registers. The K axis is walked TK at a time: the workgroup stages an
 * A panel (TK × TM) and a B panel (TK × TN) in workgroup memory as vec4s of four rows/columns,
 * then every thread does TK steps of four vec4 multiply-adds. Loads outside the matrix (past M,
 * N or K) read 0 and stores outside it are skipped, so any size is correct; the barriers sit in
 * uniform control flow (every thread walks the same K loop, guards cover the rest).
 *
 * z is the batch index, or with split-K the slice of K a workgroup sums (the slices' partial
 * products are added by a second kernel): a product with few output tiles and a long K (a
 * convolution's filter gradient) then still fills the GPU.
 *
 * Workgroups are numbered linearly (tile column fastest, then tile row, then z) and the dispatch
 * spreads them over up to three dimensions, so no dimension passes WebGPU's 65535.
 */
import { grid, type GpuRuntime, type GpuStorage, type Params } from './runtime';
import { header, main1d, type Access } from './wgsl';

/** Which index of an operand is contiguous in memory: threads next to each other then load neighbours. */
export type Along = 'outer' | 'k';

export interface GemmShader {
  /** Access of the operand bindings b1 … (the output binding follows them). */
  readonly inputs: readonly Access[];
  /**
   * Names of the extra parameters (u32), p[PARAMS_AT …] in order; each loader starts with
   * `let name = p[…];` for every one, and with `let M`, `N`, `K` (the product's size).
   */
  readonly params: readonly string[];
  /** Body of `fn loadA(z: u32, row: u32, k: u32) -> f32` (z the batch, row < M, k < K guaranteed). */
  readonly loadA: string;
  /** Body of `fn loadB(z: u32, k: u32, col: u32) -> f32` (k < K, col < N guaranteed). */
  readonly loadB: string;
  /** A's contiguous index: its row ('outer') or k. */
  readonly aAlong: Along;
  /** B's contiguous index: its column ('outer') or k. */
  readonly bAlong: Along;
  /** Extra WGSL at module scope (helper functions). */
  readonly extra?: string;
}

/** The tile shapes: threads WX × WY, each computing 4 × 4; K staged TK at a time. */
export interface Tiling {
  readonly wx: number;
  readonly wy: number;
  readonly tk: number;
}

/** 64 × 64 tiles of 256 threads: the workhorse. */
export const BIG: Tiling = { wx: 16, wy: 16, tk: 16 };
/** 32 × 32 tiles of 64 threads, for products with few rows or columns (less wasted work, more workgroups). */
export const SMALL: Tiling = { wx: 8, wy: 8, tk: 16 };

/** The generator's own parameters: M, N, K, Z, tilesN, tilesM, kChunk, kStride. */
export const PARAMS_AT = 8;

const lets = (names: readonly string[]) =>
  ['let M = p[0]; let N = p[1]; let K = p[2];', ...names.map((n, i) => `let ${n} = p[${PARAMS_AT + i}u];`)].join(' ');

/** The WGSL of one GEMM. Only the tiling and the loaders are baked in, never the sizes. */
export function gemmWgsl(s: GemmShader, t: Tiling): string {
  const out = `b${s.inputs.length + 1}`;
  const threads = t.wx * t.wy;
  const tm = 4 * t.wy;
  const tn = 4 * t.wx;
  const aSlots = (t.tk * tm) / 4;
  const bSlots = (t.tk * tn) / 4;
  if (aSlots % threads !== 0 || bSlots % threads !== 0) throw new Error('gemm: the panels must split evenly over the threads');
  const prelude = lets(s.params);
  // Slot q of a panel holds four consecutive rows (columns) at one k: vec4 index kk·(T/4) + r4.
  const panelLoad = (which: 'A' | 'B', along: Along, slots: number, outerTile: number) => {
    const width = outerTile / 4;
    const [limit, origin, call] = which === 'A'
      ? ['M', 'row0', (o: string, k: string) => `loadA(batch, ${o}, ${k})`]
      : ['N', 'col0', (o: string, k: string) => `loadB(batch, ${k}, ${o})`];
    const parts: string[] = [];
    for (let i = 0; i < slots / threads; i++) {
      const q = `t + ${i * threads}u`;
      const [kk, r4] = along === 'k' ? [`(${q}) % ${t.tk}u`, `(${q}) / ${t.tk}u`] : [`(${q}) / ${width}u`, `(${q}) % ${width}u`];
      parts.push(`{
      let kk = ${kk}; let r4 = ${r4};
      let k = k0 + kk;
      var v = vec4<f32>(0.0);
      if (k < kEnd) {
        let o = ${origin} + 4u * r4;
        if (o < ${limit}) { v.x = ${call('o', 'k')}; }
        if (o + 1u < ${limit}) { v.y = ${call('o + 1u', 'k')}; }
        if (o + 2u < ${limit}) { v.z = ${call('o + 2u', 'k')}; }
        if (o + 3u < ${limit}) { v.w = ${call('o + 3u', 'k')}; }
      }
      ${which}s[kk * ${width}u + r4] = v;
    }`);
    }
    return parts.join('\n    ');
  };
  return `${header([...s.inputs, 'read_write'])}
var<workgroup> As: array<vec4<f32>, ${aSlots}>;
var<workgroup> Bs: array<vec4<f32>, ${bSlots}>;
${s.extra ?? ''}
fn loadA(z: u32, row: u32, k: u32) -> f32 { ${prelude}
  ${s.loadA}
}
fn loadB(z: u32, k: u32, col: u32) -> f32 { ${prelude}
  ${s.loadB}
}
@compute @workgroup_size(${t.wx}, ${t.wy})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u,
        @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) t: u32) {
  let M = p[0]; let N = p[1]; let K = p[2]; let Z = p[3];
  let tilesN = p[4]; let tilesM = p[5]; let kChunk = p[6]; let kStride = p[7];
  let g = wid.x + (wid.y + wid.z * nwg.y) * nwg.x;
  let tile = g % tilesN;
  let rest = g / tilesN;
  let z = rest / tilesM;
  let row0 = (rest % tilesM) * ${tm}u;
  let col0 = tile * ${tn}u;
  // Workgroups past the last tile (the dispatch rounds up) walk no K at all.
  let kBegin = min(K, z * kStride);
  let kEnd = select(kBegin, min(K, kBegin + kChunk), z < Z);
  // With split-K z is the slice; the loaders' batch is then 0.
  let batch = select(z, 0u, kStride > 0u);
  var c0 = vec4<f32>(0.0); var c1 = vec4<f32>(0.0); var c2 = vec4<f32>(0.0); var c3 = vec4<f32>(0.0);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${t.tk}u) {
    ${panelLoad('A', s.aAlong, aSlots, tm)}
    ${panelLoad('B', s.bAlong, bSlots, tn)}
    workgroupBarrier();
    for (var kk = 0u; kk < ${t.tk}u; kk++) {
      let a = As[kk * ${tm / 4}u + lid.y];
      let b = Bs[kk * ${tn / 4}u + lid.x];
      c0 += a.x * b; c1 += a.y * b; c2 += a.z * b; c3 += a.w * b;
    }
    workgroupBarrier();
  }
  if (z >= Z) { return; }
  let col = col0 + 4u * lid.x;
  var c = array<vec4<f32>, 4>(c0, c1, c2, c3);
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + 4u * lid.y + i;
    if (row >= M) { break; }
    let base = (z * M + row) * N + col;
    let v = c[i];
    if (col < N) { ${out}[base] = v.x; }
    if (col + 1u < N) { ${out}[base + 1u] = v.y; }
    if (col + 2u < N) { ${out}[base + 2u] = v.z; }
    if (col + 3u < N) { ${out}[base + 3u] = v.w; }
  }
}`;
}

/** One GEMM to run: the product's size, its batch count, and the loaders' parameter values. */
export interface GemmCall {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Batch count (the loaders see z); 1 for a single product, which may then be split along K. */
  readonly batch: number;
  /** Values of GemmShader.params, in order. */
  readonly params: Params;
}

/** WebGPU's limit on workgroups per dispatch dimension. */
const MAX_GROUPS = 65535;
/** A single product with fewer output tiles than this is split along K … */
const FEW_TILES = 64;
/** … into slices of at least this many k (each slice's fixed cost must stay small beside its work). */
const MIN_SLICE = 256;
/** At most this many slices (partial products cost Z·M·N floats and a reduction pass). */
const MAX_SLICES = 32;

/** Spreads `total` workgroups over up to three dimensions of at most 65535 each. */
export function spread(total: number, x: number, y: number): [number, number, number] {
  const z = Math.ceil(total / (x * y));
  if (x <= MAX_GROUPS && y <= MAX_GROUPS && z <= MAX_GROUPS) return [x, y, z];
  const gx = Math.min(total, MAX_GROUPS);
  const gy = Math.min(Math.ceil(total / gx), MAX_GROUPS);
  return [gx, gy, Math.ceil(total / (gx * gy))];
}

/** The tiling for an (m, n) output: 32 × 32 tiles when 64 × 64 ones would be mostly empty or too few. */
export function tilingFor(m: number, n: number): Tiling {
  return m <= 32 || n <= 32 || Math.ceil(m / 64) * Math.ceil(n / 64) < 16 ? SMALL : BIG;
}

/**
 * Records the GEMM `wgsl` (from gemmWgsl with tiling `t`) over `inputs`; returns the (batch, m, n)
 * result, contiguous.
 */
export function runGemm(rt: GpuRuntime, shader: GemmShader, inputs: readonly GpuStorage[], call: GemmCall): GpuStorage {
  const { m, n, k, batch } = call;
  const out = rt.alloc(batch * m * n * 4);
  if (batch * m * n === 0) return out;
  const t = tilingFor(m, n);
  const tilesM = Math.ceil(m / (4 * t.wy));
  const tilesN = Math.ceil(n / (4 * t.wx));
  const wgsl = gemmWgsl(shader, t);
  const tiles = tilesM * tilesN;
  const slices = batch === 1 && tiles < FEW_TILES
    ? Math.max(1, Math.min(MAX_SLICES, Math.floor(k / MIN_SLICE), Math.ceil(FEW_TILES / tiles)))
    : 1;
  if (slices === 1) {
    const params: Params = [m, n, k, batch, tilesN, tilesM, k, 0, ...call.params];
    rt.dispatch(wgsl, [...inputs, out], params, spread(tiles * batch, tilesN, tilesM));
    return out;
  }
  // Split-K: slice z sums k in [z·chunk, (z+1)·chunk) into partial product z; a second pass adds them.
  const chunk = Math.ceil(k / slices / 16) * 16;
  const z = Math.ceil(k / chunk);
  const partial = rt.alloc(z * m * n * 4);
  rt.dispatch(wgsl, [...inputs, partial], [m, n, k, z, tilesN, tilesM, chunk, chunk, ...call.params], spread(tiles * z, tilesN, tilesM));
  const size = m * n;
  rt.dispatch(SUM_SLICES, [partial, out], [size, z], grid(size));
  rt.release(partial);
  return out;
}

/** out[i] = Σ_z partial[z·size + i]: p[0] = size, p[1] = slices. */
const SUM_SLICES = header(['read', 'read_write']) + main1d(`
  var s = 0.0;
  for (var z = 0u; z < p[1]; z++) { s += b1[z * p[0] + i]; }
  b2[i] = s;`);
