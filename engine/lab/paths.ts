/**
 * CONTRACT STUB (helper H1 implements): the optimisers' paths on a 2-D function, computed with the
 * engine's own Optimizer classes and autograd (so a path's steps are the optimisers' updates), and
 * a grid of the function's values for a contour plot.
 */
import type { Expr } from './expression';

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

/** The course's figure settings (SGD η 0.95, Momentum η 0.1, AdaGrad η 1.5, RMSProp η 0.1?, Adam η 0.3). */
export const COURSE_PATH_SETTINGS: Readonly<Record<PathOptimizerKind, PathOptimizer>> = {
  sgd: { kind: 'sgd', learningRate: 0.95 },
  momentum: { kind: 'momentum', learningRate: 0.1, momentum: 0.9 },
  adagrad: { kind: 'adagrad', learningRate: 1.5 },
  rmsprop: { kind: 'rmsprop', learningRate: 0.1, decay: 0.99 },
  adam: { kind: 'adam', learningRate: 0.3, beta1: 0.9, beta2: 0.999 },
};

/** The course's start point. */
export const COURSE_START: readonly [number, number] = [-7, 2];

export interface PathResult {
  readonly optimizer: PathOptimizer;
  /** (x, y) of the start and after each step: (steps + 1) × 2 values (fewer when it diverged). */
  readonly points: Float64Array;
  /** f at each point. */
  readonly values: Float64Array;
  /** True when a coordinate or f became non-finite or |x|,|y| > 1e6 (the path stops there). */
  readonly diverged: boolean;
}

export function optimizerPath(fn: Expr, optimizer: PathOptimizer, options: { start: readonly [number, number]; steps: number }): PathResult {
  void fn; void optimizer; void options;
  throw new Error('not implemented');
}

/**
 * The settings of an optimiser node of a graph (kind 'SGD' | 'Momentum' | 'AdaGrad' | 'RMSProp' |
 * 'Adam', params as the registry parses them), or null for other nodes.
 */
export function pathOptimizerFromNode(node: { kind: string; params: Record<string, unknown> }): PathOptimizer | null {
  void node;
  throw new Error('not implemented');
}

export interface ContourGrid {
  readonly nx: number;
  readonly ny: number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** Row-major, row 0 at yRange[0] (bottom), column 0 at xRange[0]: ny × nx values of f. */
  readonly values: Float64Array;
  /** Contour levels worth drawing (increasing, spread over the finite values' range, quantile- or log-spaced). */
  readonly levels: readonly number[];
}

export function contourGrid(fn: Expr, xRange: readonly [number, number], yRange: readonly [number, number], nx: number, ny: number): ContourGrid {
  void fn; void xRange; void yRange; void nx; void ny;
  throw new Error('not implemented');
}
