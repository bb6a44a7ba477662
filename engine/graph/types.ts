/**
 * What flows along an edge, as shape inference sees it. Shapes are symbolic in the batch axis:
 * `null` stands for "batch", so (batch, 784) is [null, 784].
 */

export type SymShape = readonly (number | null)[];

/** Formats a symbolic shape the way the editor labels edges: `(batch, 28, 28, 1)`. */
export function formatSymShape(shape: SymShape): string {
  return `(${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}${shape.length === 1 ? ',' : ''})`;
}

/** The kinds of port, coloured differently in the editor so a wrong wire shows before it drops. */
export type PortType = 'tensor' | 'target' | 'objective';

/** What a dataset's targets are: class indices (with a class count) or regression values. */
export type TargetInfo =
  | { task: 'classification'; classes: number; shape: SymShape }
  | { task: 'regression'; shape: SymShape };

/** The inferred value on a port. */
export type PortValue =
  | { type: 'tensor'; shape: SymShape }
  | { type: 'target'; target: TargetInfo }
  | { type: 'objective' };

export function describePortValue(v: PortValue): string {
  switch (v.type) {
    case 'tensor':
      return formatSymShape(v.shape);
    case 'target':
      return v.target.task === 'classification' ? `${v.target.classes} classes` : formatSymShape(v.target.shape);
    case 'objective':
      return 'loss';
  }
}
