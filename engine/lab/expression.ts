/**
 * Functions of x and y typed by the user (the optimiser-paths experiment), read by a small
 * recursive-descent parser into a syntax tree — never `eval` or `Function`, so a typed text can
 * only ever compute a number.
 *
 * Grammar (usual precedence; `^` is right-associative and binds tighter than unary minus, so
 * `-x^2` is −(x²) and `2^3^2` is 2⁹):
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('+' | '-') unary | power
 *   power   := atom ('^' unary)?
 *   atom    := number | 'x' | 'y' | 'pi' | 'e' | name '(' expr ')' | '(' expr ')'
 *
 * The tree is evaluated numerically (`evaluate`, for contour plots) or built from the engine's
 * ops (`toTensor`), so autograd differentiates it exactly as it does a network.
 */
import { DeepWireError } from '../core/errors';
import type { Tensor } from '../core/tensor';
import { msg, type Message, type MessageVar } from '../i18n/message';
import { abs, add, div, exp, log, mul, neg, pow, sigmoid, sqrt, sub, tanh } from '../ops';

export type FunctionName = 'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sigmoid';
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: 'x' | 'y' }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; arg: Expr };

/** The course's function, f(x, y) = x²/20 + y². */
export const COURSE_FUNCTION = 'x^2/20 + y^2';

/** The functions a typed text may call. */
export const FUNCTION_NAMES: readonly FunctionName[] = ['sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sigmoid'];

/** Functions the engine has no differentiable op for: plotted, and their gradients taken numerically. */
const NOT_DIFFERENTIABLE: ReadonlySet<FunctionName> = new Set(['sin', 'cos', 'tan']);

/** Longest text read, and deepest nesting (parentheses, unary signs, powers). */
export const MAX_EXPRESSION_LENGTH = 500;
const MAX_DEPTH = 100;

/**
 * A function that does not parse: `position` is the 0-based character offset of the problem.
 * Its `msg` (a `labError.expression.*` message) says the same in the reader's language, with the
 * 1-based `column` a person counts.
 */
export class ExpressionError extends DeepWireError {
  constructor(message: string | Message, readonly position: number) {
    super(message);
  }
}

type Token =
  | { kind: 'num'; value: number; pos: number; text: string }
  | { kind: 'name'; name: string; pos: number; text: string }
  | { kind: 'op'; op: '+' | '-' | '*' | '/' | '^' | '(' | ')'; pos: number; text: string }
  | { kind: 'end'; pos: number; text: string };

type ExpressionKey = Extract<Message['key'], `labError.expression.${string}`>;

/**
 * The error of `key` at 0-based `pos`: the message reads the 1-based column ("at character 3"),
 * `position` stays 0-based.
 */
function fail(key: ExpressionKey, pos: number, vars: Readonly<Record<string, MessageVar>> = {}): ExpressionError {
  return new ExpressionError(msg(key, { column: pos + 1, ...vars }), pos);
}

const FUNCTIONS_TEXT = FUNCTION_NAMES.join(', ');

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'num', value: Number(number[0]), pos: i, text: number[0] });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', name: name[0], pos: i, text: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === '*' && source[i + 1] === '*') {
      // Python's power, as the course writes x**2.
      tokens.push({ kind: 'op', op: '^', pos: i, text: '**' });
      i += 2;
      continue;
    }
    if ('+-*/^()'.includes(c)) {
      tokens.push({ kind: 'op', op: c as '+', pos: i, text: c });
      i++;
      continue;
    }
    if (c === '\u2212') {
      // The typographic minus, as the messages print it and text copied from a document has it.
      tokens.push({ kind: 'op', op: '-', pos: i, text: c });
      i++;
      continue;
    }
    throw fail('labError.expression.unexpectedChar', i, { char: c, functions: FUNCTIONS_TEXT });
  }
  tokens.push({ kind: 'end', pos: source.length, text: '' });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  /** The current token (a method, not a getter: TypeScript would keep a getter's narrowing across calls). */
  private peek(): Token {
    return this.tokens[this.index];
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.op === op;
  }

  private nest<T>(pos: number, fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw fail('labError.expression.tooDeep', pos, { max: MAX_DEPTH });
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  parse(): Expr {
    if (this.peek().kind === 'end') throw new ExpressionError(msg('labError.expression.empty'), 0);
    const expr = this.expr();
    const t = this.peek();
    if (t.kind !== 'end') {
      if (t.kind === 'op' && t.op === ')') throw fail('labError.expression.unmatchedClose', t.pos);
      throw fail('labError.expression.missingOperator', t.pos, { token: t.text });
    }
    return expr;
  }

  private expr(): Expr {
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { op: '+' | '-' }).op;
      this.index++;
      left = { kind: 'binary', op, left, right: this.term() };
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = (this.peek() as { op: '*' | '/' }).op;
      this.index++;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.op === '-' || t.op === '+')) {
      this.index++;
      return this.nest(t.pos, () => {
        const arg = this.unary();
        return t.op === '-' ? { kind: 'neg', arg } : arg;
      });
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.atom();
    const t = this.peek();
    if (t.kind === 'op' && t.op === '^') {
      this.index++;
      return this.nest(t.pos, () => ({ kind: 'binary', op: '^', left: base, right: this.unary() }));
    }
    return base;
  }

  private atom(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.index++;
        return { kind: 'num', value: t.value };
      case 'name': {
        this.index++;
        if (t.name === 'x' || t.name === 'y') return { kind: 'var', name: t.name };
        if (t.name === 'pi') return { kind: 'num', value: Math.PI };
        if (t.name === 'e') return { kind: 'num', value: Math.E };
        if ((FUNCTION_NAMES as readonly string[]).includes(t.name)) {
          const open = this.peek();
          if (!(open.kind === 'op' && open.op === '(')) {
            // The column names the function; `position` marks where the '(' should be.
            throw new ExpressionError(msg('labError.expression.needsParentheses', { name: t.name, column: t.pos + 1 }), open.pos);
          }
          this.index++;
          const arg = this.nest(open.pos, () => this.expr());
          this.close(open.pos);
          return { kind: 'call', fn: t.name as FunctionName, arg };
        }
        throw fail('labError.expression.unknownName', t.pos, { name: t.name, functions: FUNCTIONS_TEXT });
      }
      case 'op':
        if (t.op === '(') {
          this.index++;
          const inner = this.nest(t.pos, () => this.expr());
          this.close(t.pos);
          return inner;
        }
        throw fail('labError.expression.missingValue', t.pos, { token: t.text });
      case 'end':
        throw fail('labError.expression.endsEarly', t.pos);
    }
  }

  private close(openPos: number): void {
    const t = this.peek();
    if (t.kind === 'op' && t.op === ')') {
      this.index++;
      return;
    }
    // The column names the '(' left open; `position` marks where its ')' should be.
    throw new ExpressionError(msg('labError.expression.missingClose', { column: openPos + 1 }), t.pos);
  }
}

/** Reads a function of x and y; throws `ExpressionError` naming what is wrong and where. */
export function parseExpression(source: string): Expr {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(msg('labError.expression.tooLong', { length: source.length, max: MAX_EXPRESSION_LENGTH }), MAX_EXPRESSION_LENGTH);
  }
  return new Parser(tokenize(source)).parse();
}

const sigmoidNumber = (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

const FUNCTIONS: Readonly<Record<FunctionName, (v: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs, tanh: Math.tanh,
  sigmoid: sigmoidNumber,
};

/**
 * The expression's value at (x, y) in float64. Never throws: a point outside a function's domain
 * (log of a negative, 1/0) gives NaN or ±Infinity, which the contour plot and the paths treat as
 * "no value here".
 */
export function evaluate(expr: Expr, x: number, y: number): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'var':
      return expr.name === 'x' ? x : y;
    case 'neg':
      return -evaluate(expr.arg, x, y);
    case 'call':
      return FUNCTIONS[expr.fn](evaluate(expr.arg, x, y));
    case 'binary': {
      const a = evaluate(expr.left, x, y);
      const b = evaluate(expr.right, x, y);
      switch (expr.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return a ** b;
      }
    }
  }
}

/** True when every function the expression calls has a differentiable engine op (sin, cos, tan do not). */
export function isDifferentiable(expr: Expr): boolean {
  switch (expr.kind) {
    case 'num':
    case 'var':
      return true;
    case 'neg':
      return isDifferentiable(expr.arg);
    case 'call':
      return !NOT_DIFFERENTIABLE.has(expr.fn) && isDifferentiable(expr.arg);
    case 'binary':
      return isDifferentiable(expr.left) && isDifferentiable(expr.right);
  }
}

/**
 * The expression as engine ops on (broadcastable) tensors x and y, so autograd differentiates it.
 * Throws `ExpressionError` for sin, cos and tan, which the engine has no op for (see isDifferentiable).
 */
export function toTensor(expr: Expr, x: Tensor, y: Tensor): Tensor {
  const build = (e: Expr): Tensor | number => {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'var':
        return e.name === 'x' ? x : y;
      case 'neg': {
        const a = build(e.arg);
        return typeof a === 'number' ? -a : neg(a);
      }
      case 'call': {
        const a = build(e.arg);
        if (typeof a === 'number') return FUNCTIONS[e.fn](a);
        switch (e.fn) {
          case 'exp': return exp(a);
          case 'log': return log(a);
          case 'sqrt': return sqrt(a);
          case 'abs': return abs(a);
          case 'tanh': return tanh(a);
          case 'sigmoid': return sigmoid(a);
          default: throw new ExpressionError(msg('labError.expression.notDifferentiable', { fn: e.fn }), 0);
        }
      }
      case 'binary': {
        const a = build(e.left);
        const b = build(e.right);
        if (typeof a === 'number' && typeof b === 'number') return evaluate({ kind: 'binary', op: e.op, left: { kind: 'num', value: a }, right: { kind: 'num', value: b } }, 0, 0);
        switch (e.op) {
          case '+': return add(a, b);
          case '-': return sub(a, b);
          case '*': return mul(a, b);
          case '/': return div(a, b);
          case '^': return pow(a, b);
        }
      }
    }
  };
  const out = build(expr);
  // A constant function: a tensor of x's shape, so callers always get a tensor.
  return typeof out === 'number' ? add(mul(x, 0), out) : out;
}
