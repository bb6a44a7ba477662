/**
 * Helpers shared by node declarations: reading typed input values and checking shapes with
 * messages that name both the expected and the actual shape.
 */
import { NodeInferenceError } from '../registry';
import { formatSymShape, type PortValue, type SymShape, type TargetInfo } from '../types';

/** The single tensor arriving at `port`. */
export function tensorIn(inputs: Readonly<Record<string, readonly PortValue[]>>, port = 'x'): SymShape {
  const v = inputs[port]?.[0];
  if (!v) throw new NodeInferenceError(`input '${port}' is not connected`, 'missing-input', port);
  if (v.type !== 'tensor') throw new NodeInferenceError(`input '${port}' expects a tensor, got ${v.type}`, 'port-type', port);
  return v.shape;
}

export function targetIn(inputs: Readonly<Record<string, readonly PortValue[]>>, port = 'y'): TargetInfo {
  const v = inputs[port]?.[0];
  if (!v) throw new NodeInferenceError(`input '${port}' is not connected`, 'missing-input', port);
  if (v.type !== 'target') throw new NodeInferenceError(`input '${port}' expects the dataset's targets (y), got ${v.type}`, 'port-type', port);
  return v.target;
}

export const tensorOut = (shape: SymShape): PortValue => ({ type: 'tensor', shape });

/** Requires `shape` to have `rank` axes, describing what was expected. */
export function expectRank(shape: SymShape, rank: number, expected: string, hint = ''): void {
  if (shape.length !== rank) {
    throw new NodeInferenceError(`expects ${expected}, got ${formatSymShape(shape)}${hint ? ` — ${hint}` : ''}`, 'shape');
  }
}

/** The concrete size of an axis (never the batch axis). */
export function dim(shape: SymShape, axis: number): number {
  const d = shape[axis < 0 ? shape.length + axis : axis];
  if (d === null || d === undefined) throw new NodeInferenceError(`axis ${axis} of ${formatSymShape(shape)} has no fixed size`, 'shape');
  return d;
}

/** Concrete sample shape (without the batch axis), for building layers. */
export function sampleShape(shape: SymShape): number[] {
  return shape.slice(1).map((d) => {
    if (d === null) throw new NodeInferenceError(`only the first axis may be the batch axis, got ${formatSymShape(shape)}`, 'shape');
    return d;
  });
}
