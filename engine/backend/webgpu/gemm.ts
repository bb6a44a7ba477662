/**
 * The tiled GEMM every product kernel runs on (matmul, the three convolutions): a WGSL generator
 * and a dispatcher. C[z] = A[z] · B[z] for an (M, K) by (K, N) product, where A and B are not
 * buffers but WGSL loader functions (Operand), so a convolution reads its image through im2col
 * indexing in place (implicit GEMM) and matmul honours transposes and broadcast batches without
 * copies.
 *
 * Each workgroup of WX·WY threads computes a TM × TN tile of C (TM = WY·RM, TN = WX·RN), each
 * thread an RM × RN block in vec4 registers. The K axis is walked TK at a time: the workgroup
 * stages an A panel (TK × TM) and a B panel (TK × TN) in workgroup memory as vec4s of four
 * rows/columns, then every thread does TK steps of RM·RN/4 vec4 multiply-adds. Loads outside the
 * matrix (past M, N or K) read 0 and stores outside it are skipped, so any size is correct; the
 * barriers sit in uniform control flow (every thread walks the same K loop, guards cover the
 * rest). Five tilings (128², 64², 32², 256 × 4, 4 × 256) fit the output's shape (tilingFor).
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

/**
 * How the GEMM reads one operand. Its index along M (A's row) or N (B's column) is the "outer"
 * index, the other one k. A load may split its index arithmetic: `outer` turns the outer index
 * into values of some WGSL type, computed once per thread before the K loop where the thread
 * loads few enough rows, and `inner` turns k into values computed once for the four rows (or
 * columns) a thread loads at that k. The divisions of a convolution's im2col indexing then
 * leave the inner loop.
 */
export interface Operand {
  /** `[type, body]` of `fn outerA(row: u32) -> type` (`outerB(col: u32)`); by default the index itself. */
  readonly outer?: readonly [string, string];
  /** `[type, body]` of `fn innerA(k: u32) -> type` (`innerB`); by default k itself. */
  readonly inner?: readonly [string, string];
  /**
   * Body of `fn loadA(z: u32, row: outer type, k: inner type) -> f32` (`loadB(z, k, col)`), z the
   * batch; only called for row < M (col < N) and k < K.
   */
  readonly load: string;
  /** The contiguous index (the loaders' threads are laid out along it). */
  readonly along: Along;
}

export interface GemmShader {
  /** Access of the operand bindings b1 … (the output binding follows them). */
  readonly inputs: readonly Access[];
  /**
   * Names of the extra parameters (u32), p[PARAMS_AT …] in order; every loader function starts
   * with `let name = p[…];` for each, and with `let M`, `N`, `K` (the product's size).
   */
  readonly params: readonly string[];
  readonly a: Operand;
  readonly b: Operand;
  /** Extra WGSL at module scope (helper functions; they may read `p`, not the lets). */
  readonly extra?: string;
}

/**
 * The tile shapes: WX × WY threads, each computing RM × RN (multiples of 4) of the WY·RM × WX·RN
 * tile; K staged TK at a time.
 */
export interface Tiling {
  readonly wx: number;
  readonly wy: number;
  readonly rm: number;
  readonly rn: number;
  readonly tk: number;
}

/** 64 × 64 tiles of 256 threads, 4 × 4 each: the workhorse. */
export const BIG: Tiling = { wx: 16, wy: 16, rm: 4, rn: 4, tk: 16 };
/** 32 × 32 tiles of 64 threads, for products with few rows or columns (less wasted work, more workgroups). */
export const SMALL: Tiling = { wx: 8, wy: 8, rm: 4, rn: 4, tk: 16 };
/** 128 × 128 tiles of 256 threads, 8 × 8 each (twice the work per value staged), for large products. */
export const HUGE: Tiling = { wx: 16, wy: 16, rm: 8, rn: 8, tk: 8 };
/** 256 × 4 tiles of 64 threads, for products with a handful of columns (a classifier's logits, an RGB image's gradient). */
export const TALL: Tiling = { wx: 1, wy: 64, rm: 4, rn: 4, tk: 8 };
/** 4 × 256 tiles, for a handful of rows (one sample through a dense layer). */
export const WIDE: Tiling = { wx: 64, wy: 1, rm: 4, rn: 4, tk: 8 };

/** The generator's own parameters: M, N, K, Z, tilesN, tilesM, kChunk, kStride. */
export const PARAMS_AT = 8;

const lets = (names: readonly string[]) =>
  ['let M = p[0]; let N = p[1]; let K = p[2];', ...names.map((n, i) => `let ${n} = p[${PARAMS_AT + i}u];`)].join(' ');

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Thread slots a thread keeps its rows' outer values for, at most (more would cost too many registers). */
const HOIST = 2;

/** The WGSL of one GEMM. Only the tiling and the loaders are baked in, never the sizes. */
export function gemmWgsl(s: GemmShader, t: Tiling, unroll = false): string {
  const out = `b${s.inputs.length + 1}`;
  const threads = t.wx * t.wy;
  const tm = t.wy * t.rm;
  const tn = t.wx * t.rn;
  const vm = t.rm / 4;
  const vn = t.rn / 4;
  const aSlots = (t.tk * tm) / 4;
  const bSlots = (t.tk * tn) / 4;
  const even = (slots: number) => slots % threads === 0 || threads % slots === 0;
  if (t.rm % 4 !== 0 || t.rn % 4 !== 0 || !even(aSlots) || !even(bSlots)) {
    throw new Error('gemm: the micro-tiles must be multiples of 4 and the panels split evenly over the threads');
  }
  const prelude = lets(s.params);

  // Slot q of a panel holds four consecutive rows (columns) at one k: vec4 index kk·(T/4 + 1) + r4
  // (the padding vec4 puts the slots that threads next to each other fill along k in other banks).
  // Each thread fills slots/threads slots, or with fewer slots than threads the first threads one each.
  const panel = (which: 'A' | 'B', op: Operand, slots: number, outerTile: number) => {
    const width = outerTile / 4;
    const [limit, origin] = which === 'A' ? ['M', 'row0'] : ['N', 'col0'];
    const load = (o: string, k: string) => (which === 'A' ? `load${which}(batch, ${o}, ${k})` : `load${which}(batch, ${k}, ${o})`);
    const count = Math.max(1, slots / threads);
    const hoist = count <= HOIST;
    const ids = range(count).map((i) => {
      const q = `t + ${i * threads}u`;
      return op.along === 'k' ? [`(${q}) % ${t.tk}u`, `(${q}) / ${t.tk}u`] : [`(${q}) / ${width}u`, `(${q}) % ${width}u`];
    });
    const name = (i: number, what: string) => `${which.toLowerCase()}${what}${i}`;
    // Before the K loop: each slot's k offset and first outer index, and the outer values of its four.
    const setup = range(count).map((i) => [
      `let ${name(i, 'kk')} = ${ids[i][0]}; let ${name(i, 'r')} = ${ids[i][1]}; let ${name(i, 'o')} = ${origin} + 4u * ${name(i, 'r')};`,
      ...(hoist ? range(4).map((j) => `let ${name(i, `o${j}_`)} = outer${which}(${name(i, 'o')} + ${j}u);`) : []),
    ].join(' ')).join('\n  ');
    const fill = range(count).map((i) => {
      const outer = (j: number) => (hoist ? name(i, `o${j}_`) : `outer${which}(${name(i, 'o')} + ${j}u)`);
      return `${slots < threads ? `if (t < ${slots}u) ` : ''}{
      let k = k0 + ${name(i, 'kk')};
      var v = vec4<f32>(0.0);
      if (k < kEnd) {
        let o = ${name(i, 'o')};
        let kv = inner${which}(k);
        ${range(4).map((j) => `if (o + ${j}u < ${limit}) { v[${j}] = ${load(outer(j), 'kv')}; }`).join('\n        ')}
      }
      ${which}s[${name(i, 'kk')} * ${width + 1}u + ${name(i, 'r')}] = v;
    }`;
    }).join('\n    ');
    return { setup, fill };
  };
  const [outerA, innerA] = [s.a.outer ?? ['u32', 'return row;'], s.a.inner ?? ['u32', 'return k;']];
  const [outerB, innerB] = [s.b.outer ?? ['u32', 'return col;'], s.b.inner ?? ['u32', 'return k;']];
  const pa = panel('A', s.a, aSlots, tm);
  const pb = panel('B', s.b, bSlots, tn);

  // Thread (x, y) owns the row quads y, y + WY, … and the column quads x, x + WX, … of the tile:
  // neighbouring threads read neighbouring vec4s of the panels and write neighbouring ones of C.
  const acc = (i: number, j: number) => `c${i}_${j}`;
  const comps = ['x', 'y', 'z', 'w'];
  const step = (kk: string) => [
    ...range(vm).map((i) => `let a${i} = As[${kk} * ${tm / 4 + 1}u + ${i * t.wy}u + lid.y];`),
    ...range(vn).map((j) => `let v${j} = Bs[${kk} * ${tn / 4 + 1}u + ${j * t.wx}u + lid.x];`),
    ...range(t.rm).flatMap((i) => range(vn).map((j) => `${acc(i, j)} += a${i >> 2}.${comps[i & 3]} * v${j};`)),
  ].join(' ');
  const steps = unroll
    ? range(t.tk).map((kk) => `{ ${step(`${kk}u`)} }`).join('\n    ')
    : `for (var kk = 0u; kk < ${t.tk}u; kk++) { ${step('kk')} }`;
  const stores = range(t.rm).flatMap((i) => range(vn).map((j) => `
    { let row = row0 + 4u * (lid.y + ${(i >> 2) * t.wy}u) + ${i & 3}u;
      let col = col0 + 4u * (lid.x + ${j * t.wx}u);
      if (row < M) {
        let base = (z * M + row) * N + col; let v = ${acc(i, j)};
        if (col < N) { ${out}[base] = v.x; }
        if (col + 1u < N) { ${out}[base + 1u] = v.y; }
        if (col + 2u < N) { ${out}[base + 2u] = v.z; }
        if (col + 3u < N) { ${out}[base + 3u] = v.w; }
      } }`)).join('');
  return `${header([...s.inputs, 'read_write'])}
var<workgroup> As: array<vec4<f32>, ${t.tk * (tm / 4 + 1)}>;
var<workgroup> Bs: array<vec4<f32>, ${t.tk * (tn / 4 + 1)}>;
${s.extra ?? ''}
fn outerA(row: u32) -> ${outerA[0]} { ${prelude}
  ${outerA[1]}
}
fn innerA(k: u32) -> ${innerA[0]} { ${prelude}
  ${innerA[1]}
}
fn loadA(z: u32, row: ${outerA[0]}, k: ${innerA[0]}) -> f32 { ${prelude}
  ${s.a.load}
}
fn outerB(col: u32) -> ${outerB[0]} { ${prelude}
  ${outerB[1]}
}
fn innerB(k: u32) -> ${innerB[0]} { ${prelude}
  ${innerB[1]}
}
fn loadB(z: u32, k: ${innerB[0]}, col: ${outerB[0]}) -> f32 { ${prelude}
  ${s.b.load}
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
  ${pa.setup}
  ${pb.setup}
  ${range(t.rm).flatMap((i) => range(vn).map((j) => `var ${acc(i, j)} = vec4<f32>(0.0);`)).join(' ')}
  for (var k0 = kBegin; k0 < kEnd; k0 += ${t.tk}u) {
    ${pa.fill}
    ${pb.fill}
    workgroupBarrier();
    ${steps}
    workgroupBarrier();
  }
  if (z >= Z) { return; }${stores}
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

/**
 * WebGPU's limit on workgroups per dispatch dimension. Tests lower `groups` to exercise the
 * folding on small products (a software driver takes minutes over 65536 workgroups).
 */
export const dispatchLimits = { groups: 65535 };
/** A single product with fewer output tiles than this is split along K … */
const FEW_TILES = 64;
/** … into slices of at least this many k (each slice's fixed cost must stay small beside its work). */
const MIN_SLICE = 256;
/** At most this many slices (partial products cost Z·M·N floats and a reduction pass). */
const MAX_SLICES = 32;

/** Spreads `total` workgroups over up to three dimensions of at most 65535 each. */
export function spread(total: number, x: number, y: number, max = dispatchLimits.groups): [number, number, number] {
  const z = Math.ceil(total / (x * y));
  if (x <= max && y <= max && z <= max) return [x, y, z];
  const gx = Math.min(total, max);
  const gy = Math.min(Math.ceil(total / gx), max);
  return [gx, gy, Math.ceil(total / (gx * gy))];
}

/** At most this many columns (rows) take the 256 × 4 (4 × 256) tiles. */
const NARROW = 8;

/**
 * The tiling for `batch` (m, n) outputs: the largest tiles that still leave enough workgroups to
 * fill a GPU, and small ones where bigger tiles would be mostly empty.
 */
export function tilingFor(m: number, n: number, batch: number): Tiling {
  const tiles = (size: number) => Math.ceil(m / size) * Math.ceil(n / size) * batch;
  if (n <= NARROW && m > 2 * NARROW) return TALL;
  if (m <= NARROW && n > 2 * NARROW) return WIDE;
  if (m >= 128 && n >= 128 && tiles(128) >= 64) return HUGE;
  if (m > 32 && n > 32 && tiles(64) >= 32) return BIG;
  return SMALL;
}

/**
 * Records the GEMM `wgsl` (from gemmWgsl with tiling `t`) over `inputs`; returns the (batch, m, n)
 * result, contiguous.
 */
export function runGemm(rt: GpuRuntime, shader: GemmShader, inputs: readonly GpuStorage[], call: GemmCall): GpuStorage {
  const { m, n, k, batch } = call;
  const out = rt.alloc(batch * m * n * 4);
  if (batch * m * n === 0) return out;
  const t = tilingFor(m, n, batch);
  const tilesM = Math.ceil(m / (t.wy * t.rm));
  const tilesN = Math.ceil(n / (t.wx * t.rn));
  const wgsl = cachedWgsl(shader, t);
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
  const chunk = Math.ceil(k / slices / t.tk) * t.tk;
  const z = Math.ceil(k / chunk);
  const partial = rt.alloc(z * m * n * 4);
  rt.dispatch(wgsl, [...inputs, partial], [m, n, k, z, tilesN, tilesM, chunk, chunk, ...call.params], spread(tiles * z, tilesN, tilesM));
  const size = m * n;
  rt.dispatch(SUM_SLICES, [partial, out], [size, z], grid(size));
  rt.release(partial);
  return out;
}

const generated = new WeakMap<GemmShader, Map<Tiling, string>>();

/** gemmWgsl, generated once per shader and tiling (the runtime's pipeline cache is keyed by the text). */
function cachedWgsl(shader: GemmShader, t: Tiling): string {
  let byTiling = generated.get(shader);
  if (!byTiling) generated.set(shader, (byTiling = new Map()));
  let wgsl = byTiling.get(t);
  if (wgsl === undefined) byTiling.set(t, (wgsl = gemmWgsl(shader, t)));
  return wgsl;
}

/** out[i] = Σ_z partial[z·size + i]: p[0] = size, p[1] = slices. */
const SUM_SLICES = header(['read', 'read_write']) + main1d(`
  var s = 0.0;
  for (var z = 0u; z < p[1]; z++) { s += b1[z * p[0] + i]; }
  b2[i] = s;`);
