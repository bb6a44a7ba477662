/**
 * The CPU thread pool's GEMM: the calling thread and N−1 workers share one WebAssembly memory
 * (a SharedArrayBuffer) and one generated kernel. A product is split into row or column bands
 * (whole micro-tiles each), the caller copies the operands into the shared memory once, wakes
 * the workers through an Atomics generation counter, computes its own band, and waits on a
 * pending counter — no messages, no thread start-up per call. Small products stay on the caller.
 *
 * The workers run `cpuWorkerLoop` (cpuWorker.ts); hosts start them (worker_threads in Node, Web
 * Workers in the browser) through the `SpawnCpuWorker` they pass to `startThreadedGemm`. The
 * caller must be allowed to block (Atomics.wait): a Node thread or a Web Worker, never a
 * browser's main thread — the engine always runs in one of those.
 */
import { gemmClock, moveRows, nowMs, packBytes, roundUp, runBlocked, type BlockKernel, type F32Operand, type F32Output } from '../wasm/blocked';
import { DEFAULT_SHAPE, gemmKernelModule, relaxedProbeModule, type KernelShape } from '../wasm/gemmKernel';
import { PAGE, wasm, type WasmMemory } from '../wasm/wasmApi';


/** Shared memory limit: 1 GiB of address space (reserved, not committed). */
const MAX_PAGES = 16384;
/** Control words (Int32) at the start of the memory. */
const GEN = 0;
const PENDING = 1;
const QUIT = 2;
const ERROR = 3;
const JOBS = 16;
const JOB_WORDS = 16;
const CTRL_BYTES = PAGE;
/** Below this many multiply-adds a product stays on the caller: waking threads costs ~10–50 µs. */
const PARALLEL_MIN_MACS = 1 << 18;
/**
 * Polls of a control word before a thread sleeps on it (a few milliseconds). A training step's
 * products come less than a millisecond apart, with element-wise work between them; a futex
 * wake-up costs tens to hundreds of microseconds in a VM, which at 20k polls (~50 µs) the workers
 * paid before every product and ate most of what the second thread gave (MLP 1.05× → 1.25×).
 */
export const SPIN = 2_000_000;
/**
 * Multiply-adds per element copied (operands in, result out) below which the copies cost more
 * than the second thread saves — e.g. a first conv layer's 9-deep columns.
 */
const PARALLEL_MIN_INTENSITY = 16;

/** What a worker needs to join the pool (structured-cloneable: a shared memory and a compiled module). */
export interface CpuWorkerInit {
  readonly memory: WasmMemory;
  readonly module: object;
  readonly shape: KernelShape;
  /** This worker's index, 1 … threads − 1 (the caller is 0). */
  readonly index: number;
  readonly threads: number;
}

/** A started worker, as the host reports it. */
export interface CpuWorkerHandle {
  terminate(): void;
}

/** Starts one worker running `cpuWorkerLoop(init)`; resolves once it is ready to take jobs. */
export type SpawnCpuWorker = (init: CpuWorkerInit) => Promise<CpuWorkerHandle>;

/** Layout of the shared memory: control page, then each thread's packing scratch, then operands. */
export function poolLayout(shape: KernelShape, threads: number): { packAt: (t: number) => { a: number; b: number }; operands: number } {
  const pack = packBytes(shape);
  return {
    packAt: (t) => ({ a: CTRL_BYTES + t * pack.total, b: CTRL_BYTES + t * pack.total + pack.a }),
    operands: CTRL_BYTES + threads * pack.total,
  };
}

/** One band of a product, as written to a worker's job words (float indices unless noted). */
interface Job {
  m: number; n: number; k: number;
  aAt: number; aStride: number; aTrans: number;
  bAt: number; bStride: number; bTrans: number;
  /** Byte address of C[0, 0]; ldc in floats. */
  cAt: number; ldc: number; first: number;
  row0: number; row1: number; col0: number; col1: number;
}
const JOB_FIELDS: (keyof Job)[] = ['m', 'n', 'k', 'aAt', 'aStride', 'aTrans', 'bAt', 'bStride', 'bTrans', 'cAt', 'ldc', 'first', 'row0', 'row1', 'col0', 'col1'];

/** Runs a job's band on `view` with this thread's kernel and scratch. */
export function runJob(view: Float32Array, block: BlockKernel, shape: KernelShape, pack: { a: number; b: number }, j: Job): void {
  const rows = j.row1 - j.row0;
  const cols = j.col1 - j.col0;
  if (rows <= 0 || cols <= 0) return;
  const a: F32Operand = { data: view, offset: j.aAt + (j.aTrans ? j.row0 : j.row0 * j.aStride), rowStride: j.aStride, trans: j.aTrans === 1 };
  const b: F32Operand = { data: view, offset: j.bAt + (j.bTrans ? j.col0 * j.bStride : j.col0), rowStride: j.bStride, trans: j.bTrans === 1 };
  runBlocked({ view, block, shape, aPack: pack.a, bPack: pack.b }, rows, cols, j.k, a, b, j.cAt + (j.row0 * j.ldc + j.col0) * 4, j.ldc, j.first === 1);
}

export function readJob(ctrl: Int32Array, index: number): Job {
  const base = JOBS + index * JOB_WORDS;
  const job = {} as Job;
  JOB_FIELDS.forEach((f, i) => (job[f] = ctrl[base + i]));
  return job;
}

export const CONTROL = { GEN, PENDING, QUIT, ERROR } as const;

/** The pool's GEMM: same contract as WasmGemm.gemm, spread over `threads` threads. */
export class ThreadedGemm {
  private view: Float32Array;
  private readonly ctrl: Int32Array;
  private readonly layout: ReturnType<typeof poolLayout>;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly block: BlockKernel,
    readonly shape: KernelShape,
    readonly relaxed: boolean,
    private readonly workers: CpuWorkerHandle[],
  ) {
    this.view = new Float32Array(memory.buffer);
    this.ctrl = new Int32Array(memory.buffer, 0, CTRL_BYTES / 4);
    this.layout = poolLayout(shape, workers.length + 1);
  }

  /** Products split across the threads so far (small ones stay on the caller and are not counted). */
  dispatched = 0;

  /** Threads taking part, the caller included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `threads − 1` workers; null where shared WebAssembly memory is unavailable (a page
   * that is not cross-origin isolated, an old runtime).
   */
  static async start(threads: number, spawn: SpawnCpuWorker, options: { shape?: KernelShape; relaxed?: boolean } = {}): Promise<ThreadedGemm | null> {
    if (!wasm || typeof SharedArrayBuffer === 'undefined' || threads < 1) return null;
    const shape = options.shape ?? DEFAULT_SHAPE;
    const relaxed = options.relaxed ?? wasm.validate(relaxedProbeModule());
    const bytes = gemmKernelModule(shape, relaxed, { minPages: 1, maxPages: MAX_PAGES, shared: true });
    if (!wasm.validate(bytes)) return null;
    let memory: WasmMemory;
    try {
      memory = new wasm.Memory({ initial: Math.ceil(poolLayout(shape, threads).operands / PAGE) + 16, maximum: MAX_PAGES, shared: true });
    } catch {
      return null;
    }
    const module = new wasm.Module(bytes);
    const instance = new wasm.Instance(module, { env: { memory } });
    const workers: CpuWorkerHandle[] = [];
    try {
      for (let index = 1; index < threads; index++) workers.push(await spawn({ memory, module, shape, index, threads }));
    } catch (e) {
      workers.forEach((w) => w.terminate());
      throw e;
    }
    return new ThreadedGemm(memory, instance.exports.block as BlockKernel, shape, relaxed, workers);
  }

  /** C = op(A)·op(B), or C += op(A)·op(B) when `accumulate`; op(A) m×k, op(B) k×n. */
  gemm(m: number, n: number, k: number, a: F32Operand, b: F32Operand, c: F32Output, accumulate: boolean): void {
    const start = nowMs();
    this.multiply(m, n, k, a, b, c, accumulate);
    gemmClock.ms += nowMs() - start;
  }

  private multiply(m: number, n: number, k: number, a: F32Operand, b: F32Operand, c: F32Output, accumulate: boolean): void {
    if (m <= 0 || n <= 0) return;
    const { mr, nr } = this.shape;
    const ldc = roundUp(n, nr);
    const rowsPad = roundUp(m, mr);
    const macs = m * n * k;
    const parallel = this.workers.length > 0 && macs >= PARALLEL_MIN_MACS && macs >= PARALLEL_MIN_INTENSITY * (m * k + k * n + m * n);
    const aRows = a.trans ? k : m, aCols = a.trans ? m : k;
    const bRows = b.trans ? n : k, bCols = b.trans ? k : n;
    // Operands are copied in only for the workers' sake; alone, the caller packs from them in place.
    const aAt = this.layout.operands / 4;
    const bAt = aAt + (parallel ? roundUp(aRows * aCols, 4) : 0);
    const cAtFloats = bAt + (parallel ? roundUp(bRows * bCols, 4) : 0);
    this.reserve(cAtFloats * 4 + rowsPad * ldc * 4);
    const view = this.view;
    const cAt = cAtFloats * 4;
    if (k <= 0) {
      // An empty sum: C = 0, or C unchanged when accumulating.
      if (!accumulate) for (let i = 0; i < m; i++) c.data.fill(0, c.offset + i * c.rowStride, c.offset + i * c.rowStride + n);
      return;
    }
    if (accumulate) moveRows(view, cAtFloats, ldc, m, n, c, true);
    if (!parallel) {
      runBlocked({ view, block: this.block, shape: this.shape, aPack: this.layout.packAt(0).a, bPack: this.layout.packAt(0).b }, m, n, k, a, b, cAt, ldc, !accumulate);
    } else {
      copyMatrix(view, aAt, a, aRows, aCols);
      copyMatrix(view, bAt, b, bRows, bCols);
      this.dispatch({
        m, n, k, aAt, aStride: aCols, aTrans: a.trans ? 1 : 0, bAt, bStride: bCols, bTrans: b.trans ? 1 : 0,
        cAt, ldc, first: accumulate ? 0 : 1, row0: 0, row1: m, col0: 0, col1: n,
      });
    }
    moveRows(view, cAtFloats, ldc, m, n, c, false);
  }

  /** Splits `job` into bands, one per thread, runs band 0 here and waits for the others. */
  private dispatch(job: Job): void {
    this.dispatched++;
    const threads = this.threads;
    const byRows = job.m >= job.n;
    const extent = byRows ? job.m : job.n;
    const unit = byRows ? this.shape.mr : this.shape.nr;
    const band = roundUp(Math.ceil(extent / threads), unit);
    const bands: Job[] = [];
    for (let t = 0; t < threads; t++) {
      const lo = Math.min(extent, t * band);
      const hi = Math.min(extent, lo + band);
      bands.push(byRows ? { ...job, row0: lo, row1: hi } : { ...job, col0: lo, col1: hi });
    }
    const ctrl = this.ctrl;
    for (let t = 1; t < threads; t++) {
      const base = JOBS + (t - 1) * JOB_WORDS;
      JOB_FIELDS.forEach((f, i) => (ctrl[base + i] = bands[t][f]));
    }
    Atomics.store(ctrl, ERROR, 0);
    Atomics.store(ctrl, PENDING, threads - 1);
    Atomics.add(ctrl, GEN, 1);
    Atomics.notify(ctrl, GEN);
    let failure: unknown = null;
    try {
      runJob(this.view, this.block, this.shape, this.layout.packAt(0), bands[0]);
    } catch (e) {
      failure = e;
    }
    // The other bands usually finish within microseconds of ours: poll before sleeping.
    for (let spin = 0; spin < SPIN && Atomics.load(ctrl, PENDING) !== 0; spin++);
    for (let p = Atomics.load(ctrl, PENDING); p !== 0; p = Atomics.load(ctrl, PENDING)) Atomics.wait(ctrl, PENDING, p);
    if (failure) throw failure;
    if (Atomics.load(ctrl, ERROR) !== 0) throw new Error('a CPU worker thread failed during a matrix product (see its console)');
  }

  /** Stops the workers (they leave their wait loop) and forgets them. */
  terminate(): void {
    Atomics.store(this.ctrl, QUIT, 1);
    Atomics.add(this.ctrl, GEN, 1);
    Atomics.notify(this.ctrl, GEN);
    this.workers.forEach((w) => w.terminate());
    this.workers.length = 0;
  }

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      if (bytes > MAX_PAGES * PAGE) throw new RangeError(`a matrix product needs ${Math.ceil(bytes / 2 ** 20)} MiB of shared memory; the pool has at most ${MAX_PAGES * PAGE / 2 ** 20} MiB`);
      this.memory.grow(Math.ceil((bytes - have) / PAGE));
    }
    if (this.view.buffer.byteLength !== this.memory.buffer.byteLength) this.view = new Float32Array(this.memory.buffer);
  }
}

/** Copies a stored matrix (rows × cols at offset/rowStride) contiguously into `view` at `at`. */
function copyMatrix(view: Float32Array, at: number, x: F32Operand, rows: number, cols: number): void {
  if (x.rowStride === cols) {
    view.set(x.data.subarray(x.offset, x.offset + rows * cols), at);
    return;
  }
  for (let r = 0; r < rows; r++) view.set(x.data.subarray(x.offset + r * x.rowStride, x.offset + r * x.rowStride + cols), at + r * cols);
}
