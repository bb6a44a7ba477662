/**
 * Helpers shared by node declarations: reading typed input values and checking shapes with
 * messages that name both the expected and the actual shape.
 */
import { msg } from '../../i18n/message';
import { kindName, portName, typeName } from '../problemText';
import { NodeInferenceError } from '../registry';
import { formatSymShape, type PortValue, type SymShape, type TargetInfo } from '../types';

/** The single tensor arriving at `port`. */
export function tensorIn(inputs: Readonly<Record<string, readonly PortValue[]>>, port = 'x'): SymShape {
  const v = inputs[port]?.[0];
  if (!v) throw new NodeInferenceError(msg('problem.missingInput', { port: portName(port) }), 'missing-input', port);
  if (v.type !== 'tensor') throw new NodeInferenceError(msg('problem.notTensor', { port: portName(port), type: typeName(v.type) }), 'port-type', port);
  return v.shape;
}

export function targetIn(inputs: Readonly<Record<string, readonly PortValue[]>>, port = 'y'): TargetInfo {
  const v = inputs[port]?.[0];
  if (!v) throw new NodeInferenceError(msg('problem.missingInput', { port: portName(port) }), 'missing-input', port);
  if (v.type !== 'target') throw new NodeInferenceError(msg('problem.notTarget', { port: portName(port), type: typeName(v.type) }), 'port-type', port);
  return v.target;
}

export const tensorOut = (shape: SymShape): PortValue => ({ type: 'tensor', shape });

/**
 * Requires `shape` to have `rank` axes, describing what was expected (a shape such as
 * `(batch, features)`, the same in every language) and, as a hint, the node kind to add.
 */
export function expectRank(shape: SymShape, rank: number, expected: string, add?: string): void {
  if (shape.length !== rank) {
    const vars = { expected, shape: formatSymShape(shape) };
    throw new NodeInferenceError(add ? msg('problem.expectsAdd', { ...vars, kind: kindName(add) }) : msg('problem.expects', vars), 'shape');
  }
}

/** The concrete size of an axis (never the batch axis). */
export function dim(shape: SymShape, axis: number): number {
  const d = shape[axis < 0 ? shape.length + axis : axis];
  if (d === null || d === undefined) throw new NodeInferenceError(msg('problem.noFixedSize', { axis, shape: formatSymShape(shape) }), 'shape');
  return d;
}

/** Concrete sample shape (without the batch axis), for building layers. */
export function sampleShape(shape: SymShape): number[] {
  return shape.slice(1).map((d) => {
    if (d === null) throw new NodeInferenceError(msg('problem.batchAxis', { shape: formatSymShape(shape) }), 'shape');
    return d;
  });
}

/**
 * Throws when a `window`-wide sliding window (kernel or pool, dilation included) does not fit a
 * `height`×`width` input: only 'valid' padding can leave no output.
 */
export function expectWindowFits(height: number, width: number, window: number, padding: 'valid' | 'same'): void {
  if (padding === 'valid' && (height < window || width < window)) {
    throw new NodeInferenceError(msg('problem.window', { window, height, width }), 'shape');
  }
}
