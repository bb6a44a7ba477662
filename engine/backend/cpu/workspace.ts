/**
 * Float64 scratch memory that lives between kernel calls, and the float32 ⇄ float64 doors.
 *
 * Every hot loop of the fast CPU kernels reads and writes Float64Array only. V8 specialises a
 * function on the array types it has seen; one loop fed both Float32Array and Float64Array goes
 * polymorphic and measured 20–30 % slower in the GEMM micro-kernel (and a float32-only copy ran
 * ~15 % slower than float64, from the float→double conversion on every load). So float32 operands
 * are widened once at the kernel's edge with TypedArray#set (native code) and results narrowed
 * once on the way out: arithmetic is then float64 throughout, rounded to float32 a single time.
 */
import type { DType, TypedArray } from '../../core/dtype';

/**
 * Buffers larger than this many elements (32 MB) are handed out fresh and not kept, so one huge
 * call does not pin its memory for the rest of the session.
 */
const RETAIN_LIMIT = 1 << 22;

/** A growable typed array reused across calls. Contents are unspecified on each `get`. */
class Scratch<T extends Float32Array | Float64Array> {
  private buffer: T;

  constructor(private readonly make: (size: number) => T) {
    this.buffer = make(0);
  }

  /** A buffer of at least `size` elements (possibly longer: callers track their own lengths). */
  get(size: number): T {
    if (size <= this.buffer.length) return this.buffer;
    const fresh = this.make(size);
    if (size <= RETAIN_LIMIT) this.buffer = fresh;
    return fresh;
  }
}

/** Float64 scratch (the JS kernels'). */
export class Workspace extends Scratch<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }

  /** Like `get`, with the first `size` elements set to zero. */
  zeroed(size: number): Float64Array {
    const buffer = this.get(size);
    buffer.fill(0, 0, size);
    return buffer;
  }
}

/** `array` itself when it is float64, else its values widened into `ws`. */
export function asFloat64(array: TypedArray, ws: Workspace): Float64Array {
  if (array instanceof Float64Array) return array;
  const wide = ws.get(array.length);
  wide.set(array);
  return wide;
}

/**
 * Where a kernel writes a result of `size` elements: the returned output array itself for
 * float64 (zeroed if `zero`), or a float64 scratch that `finish` narrows into a new Float32Array.
 */
export function output(dtype: DType, size: number, ws: Workspace, zero: boolean): {
  data: Float64Array;
  finish: () => TypedArray;
} {
  if (dtype === 'float64') {
    const data = new Float64Array(size);
    return { data, finish: () => data };
  }
  const data = zero ? ws.zeroed(size) : ws.get(size);
  return { data, finish: () => new Float32Array(data.subarray(0, size)) };
}

/** Float32 scratch (the SIMD kernels'). */
export class Workspace32 extends Scratch<Float32Array> {
  constructor() {
    super((n) => new Float32Array(n));
  }
}
