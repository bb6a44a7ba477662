/**
 * How a GEMM operand is walked when it is packed into panels, whatever its transpose flag: the
 * lane stride steps across the rows of an A panel (the columns of a B panel), the depth stride
 * steps along k. Shared by the JS GEMM (gemm.ts) and the SIMD one (wasm/blocked.ts).
 */
export interface PanelOperand {
  readonly rowStride: number;
  /** Stored transposed: A as (k, m) instead of (m, k), B as (n, k) instead of (k, n). */
  readonly trans: boolean;
}

export function panelStrides(a: PanelOperand, b: PanelOperand): { aLane: number; aDepth: number; bLane: number; bDepth: number } {
  return {
    aLane: a.trans ? 1 : a.rowStride,
    aDepth: a.trans ? a.rowStride : 1,
    bLane: b.trans ? b.rowStride : 1,
    bDepth: b.trans ? 1 : b.rowStride,
  };
}
