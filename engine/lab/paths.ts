/**
 * The optimisers' paths on a 2-D function (the course's figure on f(x, y) = x²/20 + y²): a
 * two-element float64 parameter (x, y) stepped by the engine's own Optimizer classes, with the
 * gradient from autograd through the function's ops — so every point of a path is exactly what
 * that optimiser does to a weight. Functions the engine cannot differentiate (sin, cos, tan) get
 * central-difference gradients, fed to the same optimiser. Also: the function on a grid, for the
 * contour plot under the paths.
 */
import { ArgumentError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { msg } from '../i18n/message';
// The built-in node kinds, registered on import: the lab reads their declarations.
import '../graph/nodes';
import { getNodeDef } from '../graph/registry';
import { AdaGrad, Adam, Momentum, RMSProp, SGD, type Optimizer } from '../nn/optimizers';
import { backward, reshape, slice, tensor } from '../ops';
import { evaluate, isDifferentiable, toTensor, type Expr } from './expression';

export type PathOptimizerKind = 'sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam';
export const PATH_OPTIMIZERS: readonly PathOptimizerKind[] = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

export interface PathOptimizer {
  kind: PathOptimizerKind;
  learningRate: number;
  /** Momentum's α. */
  momentum?: number;
  /** RMSProp's ρ. */
  decay?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * The settings of the course's figure (the textbook's optimizer_compare_naive: SGD η 0.95,
 * Momentum η 0.1, AdaGrad η 1.5, Adam η 0.3; RMSProp, which the figure leaves out, η 0.1).
 */
export const COURSE_PATH_SETTINGS: Readonly<Record<PathOptimizerKind, PathOptimizer>> = {
  sgd: { kind: 'sgd', learningRate: 0.95 },
  momentum: { kind: 'momentum', learningRate: 0.1, momentum: 0.9 },
  adagrad: { kind: 'adagrad', learningRate: 1.5 },
  rmsprop: { kind: 'rmsprop', learningRate: 0.1, decay: 0.99 },
  adam: { kind: 'adam', learningRate: 0.3, beta1: 0.9, beta2: 0.999 },
};

/** The course's start point. */
export const COURSE_START: readonly [number, number] = [-7, 2];

/** A coordinate beyond this, or a non-finite one, ends a path as diverged. */
const DIVERGED = 1e6;
/** Most steps a path takes. */
export const MAX_PATH_STEPS = 10_000;

export interface PathResult {
  readonly optimizer: PathOptimizer;
  /** (x, y) of the start and after each step: (steps + 1) × 2 values (fewer when it diverged). */
  readonly points: Float64Array;
  /** f at each point. */
  readonly values: Float64Array;
  /** True when a coordinate or f became non-finite or |x|,|y| > 1e6 (the path stops there). */
  readonly diverged: boolean;
}

/** The engine's optimiser for these settings (the defaults of its node where a setting is left out). */
export function makePathOptimizer(o: PathOptimizer): Optimizer {
  switch (o.kind) {
    case 'sgd':
      return new SGD(o.learningRate);
    case 'momentum':
      return new Momentum(o.learningRate, o.momentum ?? 0.9);
    case 'adagrad':
      return new AdaGrad(o.learningRate, o.epsilon ?? 1e-7);
    case 'rmsprop':
      return new RMSProp(o.learningRate, o.decay ?? 0.99, o.epsilon ?? 1e-7);
    case 'adam':
      return new Adam(o.learningRate, o.beta1 ?? 0.9, o.beta2 ?? 0.999, o.epsilon ?? 1e-8);
  }
}

const H = 1e-6;

/**
 * The path of one optimiser on `fn` from `start`: each step takes f's gradient at the current
 * point (autograd through `toTensor`, or central differences for sin/cos/tan) and lets the
 * engine's optimiser update the point, exactly as it updates a weight during training. `steps`
 * is clamped to 0 … MAX_PATH_STEPS; the path stops early when it diverges.
 */
export function optimizerPath(fn: Expr, optimizer: PathOptimizer, options: { start: readonly [number, number]; steps: number }): PathResult {
  if (!Number.isFinite(options.steps)) throw new ArgumentError(msg('labError.paths.steps', { steps: String(options.steps) }));
  if (!Number.isFinite(options.start[0]) || !Number.isFinite(options.start[1])) {
    throw new ArgumentError(msg('labError.paths.start', { x: String(options.start[0]), y: String(options.start[1]) }));
  }
  const steps = Math.max(0, Math.min(MAX_PATH_STEPS, Math.floor(options.steps)));
  const opt = makePathOptimizer(optimizer);
  const p = tensor([options.start[0], options.start[1]], undefined, { dtype: 'float64' });
  p.requiresGrad = true;
  const param = { name: 'p', value: p, decay: false };
  const differentiable = isDifferentiable(fn);
  const objective = (v: Tensor): Tensor => reshape(toTensor(fn, slice(v, [0], [1]), slice(v, [1], [1])), []);

  const points = new Float64Array((steps + 1) * 2);
  const values = new Float64Array(steps + 1);
  let count = 0;
  let diverged = false;
  const record = (x: number, y: number): boolean => {
    const f = evaluate(fn, x, y);
    points[2 * count] = x;
    points[2 * count + 1] = y;
    values[count] = f;
    count++;
    return Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(f) && Math.abs(x) <= DIVERGED && Math.abs(y) <= DIVERGED;
  };
  if (!record(options.start[0], options.start[1])) diverged = true;
  for (let i = 0; i < steps && !diverged; i++) {
    if (differentiable) {
      backward(objective(p));
    } else {
      // Central differences, handed to the optimiser as the parameter's gradient.
      const [x, y] = p.dataSync();
      const gx = (evaluate(fn, x + H, y) - evaluate(fn, x - H, y)) / (2 * H);
      const gy = (evaluate(fn, x, y + H) - evaluate(fn, x, y - H)) / (2 * H);
      p.grad = tensor([gx, gy], undefined, { dtype: 'float64' });
    }
    opt.step([param]);
    const [x, y] = p.dataSync();
    if (!record(x, y)) diverged = true;
  }
  return { optimizer, points: points.slice(0, 2 * count), values: values.slice(0, count), diverged };
}

const NODE_KINDS: Readonly<Record<string, PathOptimizerKind>> = { SGD: 'sgd', Momentum: 'momentum', AdaGrad: 'adagrad', RMSProp: 'rmsprop', Adam: 'adam' };

/**
 * The settings of an optimiser node of a graph (kind 'SGD' | 'Momentum' | 'AdaGrad' | 'RMSProp' |
 * 'Adam', params as the registry parses them, defaults filled in), or null for other nodes and
 * for parameters the node's schema refuses.
 */
export function pathOptimizerFromNode(node: { kind: string; params: Record<string, unknown> }): PathOptimizer | null {
  const kind = NODE_KINDS[node.kind];
  const def = getNodeDef(node.kind);
  if (!kind || !def) return null;
  const parsed = def.params.safeParse(node.params);
  if (!parsed.success) return null;
  const p = parsed.data as Record<string, number>;
  const out: PathOptimizer = { kind, learningRate: p.learningRate };
  for (const key of ['momentum', 'decay', 'beta1', 'beta2', 'epsilon'] as const) if (typeof p[key] === 'number') out[key] = p[key];
  return out;
}

export interface ContourGrid {
  readonly nx: number;
  readonly ny: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Row-major, row 0 at yRange[0] (bottom), column 0 at xRange[0]: ny × nx values of f. */
  readonly values: Float64Array;
  /** Contour levels worth drawing (increasing, within the finite values' range). */
  readonly levels: readonly number[];
}

/** Levels drawn for a contour plot. */
const LEVELS = 16;
/** Most grid points along one side (the plot is a few hundred pixels wide). */
export const MAX_GRID_SIDE = 1000;

/**
 * Contour levels from the grid's finite values: the values at the fractions (i/(L+1))², i = 1 … L,
 * of the sorted values. On a bowl the share of the ground below level c grows like c, so these
 * levels are spaced like q² and their contours come out evenly spaced, as in the course's
 * figure; on a function whose values span decades (exp, a narrow valley) the levels follow
 * where the ground actually lies instead of crowding the few highest points. Repeated values
 * (plateaus) give one level.
 */
export function contourLevels(values: ArrayLike<number>, count = LEVELS): number[] {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  const levels: number[] = [];
  if (finite.length < 2 || finite[0] === finite[finite.length - 1]) return levels;
  for (let i = 1; i <= count; i++) {
    const q = (i / (count + 1)) ** 2;
    const v = finite[Math.min(finite.length - 1, Math.round(q * (finite.length - 1)))];
    if (v > finite[0] && (levels.length === 0 || v > levels[levels.length - 1])) levels.push(v);
  }
  return levels;
}

/**
 * f on an nx × ny grid (each side clamped to 2 … MAX_GRID_SIDE) spanning the ranges, corners
 * included, and the levels worth drawing (`contourLevels`).
 */
export function contourGrid(fn: Expr, xRange: readonly [number, number], yRange: readonly [number, number], nx: number, ny: number): ContourGrid {
  const side = (n: number) => (Number.isFinite(n) ? Math.max(2, Math.min(MAX_GRID_SIDE, Math.floor(n))) : 2);
  const cols = side(nx);
  const rows = side(ny);
  const values = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const y = yRange[0] + ((yRange[1] - yRange[0]) * r) / (rows - 1);
    for (let c = 0; c < cols; c++) {
      const x = xRange[0] + ((xRange[1] - xRange[0]) * c) / (cols - 1);
      values[r * cols + c] = evaluate(fn, x, y);
    }
  }
  return { nx: cols, ny: rows, xRange: [xRange[0], xRange[1]], yRange: [yRange[0], yRange[1]], values, levels: contourLevels(values) };
}
