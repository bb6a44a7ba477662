/**
 * Small WGSL builders the kernels share: the binding header (parameters at binding 0, tensors
 * after), reading f32 parameters, and walking a strided index.
 */
import { LINEAR_INDEX } from './runtime';

export type Access = 'read' | 'read_write';

/**
 * The kernel's bindings: `p` (u32 parameters) at 0, then `b1`, `b2` … of f32 with the given
 * access, the 1-D entry point's builtins and `linearIndex`.
 */
export function header(access: readonly Access[]): string {
  const lines = ['@group(0) @binding(0) var<storage, read> p: array<u32>;'];
  access.forEach((a, i) => lines.push(`@group(0) @binding(${i + 1}) var<storage, ${a}> b${i + 1}: array<f32>;`));
  lines.push('fn pf(i: u32) -> f32 { return bitcast<f32>(p[i]); }');
  return lines.join('\n') + LINEAR_INDEX;
}

/** The 1-D entry point: `body` runs with `i` (the element) for i < p[0]. */
export function main1d(body: string, workgroup = 256): string {
  return `
@compute @workgroup_size(${workgroup})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = linearIndex(gid, nwg);
  if (i >= p[0]) { return; }
  ${body}
}`;
}

/**
 * WGSL statements that turn the linear output index `i` into offsets `off0`, `off1`, … of
 * `operands` inputs: the output shape is p[shapeAt … shapeAt+rank), operand k's strides follow
 * at shapeAt + rank·(k+1) (0 on broadcast axes). `rank` is baked in, so each rank is its own
 * pipeline.
 */
export function stridedOffsets(rank: number, operands: number, shapeAt: number): string {
  const decl = Array.from({ length: operands }, (_, k) => `var off${k} = 0u;`).join(' ');
  if (rank === 0) return decl;
  const adds = Array.from({ length: operands }, (_, k) => `off${k} += c * p[${shapeAt + rank * (k + 1)}u + d];`).join(' ');
  return `${decl}
  var rem = i;
  for (var dd = ${rank - 1}i; dd >= 0i; dd--) {
    let d = u32(dd);
    let s = p[${shapeAt}u + d];
    let c = rem % s;
    rem = rem / s;
    ${adds}
  }`;
}
