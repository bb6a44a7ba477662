/**
 * CONTRACT STUB (helper H1 implements): a safe parser for 2-D functions typed by the user
 * (no eval): numbers, x, y, pi, e, + − * / ^ (right-assoc), unary −, parentheses and calls of
 * sin cos tan exp log sqrt abs tanh sigmoid.
 */
import { DeepWireError } from '../core/errors';
import type { Tensor } from '../core/tensor';

export type FunctionName = 'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sigmoid';
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: 'x' | 'y' }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; arg: Expr };

/** The course's function, f(x, y) = x²/20 + y². */
export const COURSE_FUNCTION = 'x^2/20 + y^2';

/** A function that does not parse: `position` is the 0-based character offset of the problem. */
export class ExpressionError extends DeepWireError {
  constructor(message: string, readonly position: number) {
    super(message);
  }
}

export function parseExpression(source: string): Expr {
  void source;
  throw new Error('not implemented');
}

export function evaluate(expr: Expr, x: number, y: number): number {
  void expr; void x; void y;
  throw new Error('not implemented');
}

/** The expression as engine ops on (broadcastable) tensors x and y, so autograd differentiates it. */
export function toTensor(expr: Expr, x: Tensor, y: Tensor): Tensor {
  void expr; void x; void y;
  throw new Error('not implemented');
}
