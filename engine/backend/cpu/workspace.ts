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

/** A growable Float64Array reused across calls. Contents are unspecified on each `get`. */
export class Workspace {
  private buffer = new Float64Array(0);

  /** A buffer of at least `size` elements (possibly longer: callers track their own lengths). */
  get(size: number): Float64Array {
    if (size <= this.buffer.length) return this.buffer;
    const fresh = new Float64Array(size);
    if (size <= RETAIN_LIMIT) this.buffer = fresh;
    return fresh;
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

/** A growable Float32Array reused across calls (the SIMD kernels' float32 scratch). */
export class Workspace32 {
  private buffer = new Float32Array(0);

  get(size: number): Float32Array {
    if (size <= this.buffer.length) return this.buffer;
    const fresh = new Float32Array(size);
    if (size <= RETAIN_LIMIT) this.buffer = fresh;
    return fresh;
  }
}
