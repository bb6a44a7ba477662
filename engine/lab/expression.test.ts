import { describe, expect, it } from 'vitest';
import { backward, reshape, tensor } from '../ops';
import { COURSE_FUNCTION, evaluate, ExpressionError, isDifferentiable, parseExpression, toTensor } from './expression';

const value = (src: string, x = 0, y = 0) => evaluate(parseExpression(src), x, y);

function errorOf(src: string): ExpressionError {
  try {
    parseExpression(src);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`'${src}' parsed`);
}

describe('parseExpression / evaluate', () => {
  it('follows the usual precedence: ^ right-associative and above unary minus', () => {
    expect(value('2^3^2')).toBe(512);
    expect(value('-2^2')).toBe(-4);
    expect(value('(-2)^2')).toBe(4);
    expect(value('1-2-3')).toBe(-4);
    expect(value('8/4/2')).toBe(1);
    expect(value('2+3*4')).toBe(14);
    expect(value('2**3')).toBe(8);
    expect(value('-x^2', 3)).toBe(-9);
    expect(value('1e-3*1000 + .5')).toBe(1.5);
  });

  it('knows x, y, pi, e and the functions', () => {
    expect(value(COURSE_FUNCTION, -7, 2)).toBeCloseTo(49 / 20 + 4, 12);
    expect(value('sin(pi/2) + cos(0) + log(e) + sqrt(16) + abs(-3) + exp(0)')).toBeCloseTo(11, 12);
    expect(value('tanh(x) + sigmoid(y)', 0.5, -1)).toBeCloseTo(Math.tanh(0.5) + 1 / (1 + Math.exp(1)), 12);
  });

  it('names what is wrong and where', () => {
    expect(errorOf('')).toMatchObject({ position: 0 });
    expect(errorOf('').message).toMatch(/empty/);
    const z = errorOf('x + z');
    expect(z.position).toBe(4);
    expect(z.message).toMatch(/unknown name 'z' at character 5/);
    expect(errorOf('x^2 + * y')).toMatchObject({ position: 6 });
    expect(errorOf('(x + 1').message).toMatch(/missing '\)' for the '\(' at character 1/);
    expect(errorOf('x + 1)')).toMatchObject({ position: 5 });
    expect(errorOf('sin x').message).toMatch(/parentheses/);
    expect(errorOf('x $ y')).toMatchObject({ position: 2 });
    expect(errorOf('2x').message).toMatch(/operator/);
    expect(errorOf('x'.repeat(501)).message).toMatch(/too long/);
    expect(errorOf('('.repeat(200) + 'x' + ')'.repeat(200)).message).toMatch(/nests too deeply/);
  });

  it('never evaluates code: names outside the grammar are refused', () => {
    for (const src of ['constructor', 'alert(1)', 'x.constructor', 'this', 'globalThis']) expect(() => parseExpression(src)).toThrow(ExpressionError);
  });
});

describe('toTensor: the function as engine ops, differentiated by autograd', () => {
  const cases = ['x^2/20 + y^2', 'exp(x*y) + sqrt(x^2+1)', 'tanh(x) * sigmoid(y) - 3', '-x^2 + abs(y) * log(x^2 + 2)'];
  it.each(cases)('%s: autograd gradient equals central differences', (src) => {
    const expr = parseExpression(src);
    for (const [x0, y0] of [[0.3, -0.7], [-1.2, 0.4], [2, 1.5]]) {
      const x = tensor([x0], undefined, { dtype: 'float64' });
      const y = tensor([y0], undefined, { dtype: 'float64' });
      x.requiresGrad = y.requiresGrad = true;
      const f = toTensor(expr, x, y);
      expect(f.dataSync()[0]).toBeCloseTo(evaluate(expr, x0, y0), 10);
      backward(f);
      const h = 1e-6;
      const gx = (evaluate(expr, x0 + h, y0) - evaluate(expr, x0 - h, y0)) / (2 * h);
      const gy = (evaluate(expr, x0, y0 + h) - evaluate(expr, x0, y0 - h)) / (2 * h);
      expect(x.grad!.dataSync()[0]).toBeCloseTo(gx, 6);
      expect(y.grad!.dataSync()[0]).toBeCloseTo(gy, 6);
    }
  });

  it('says which functions the engine cannot differentiate', () => {
    expect(isDifferentiable(parseExpression('exp(x) + y'))).toBe(true);
    expect(isDifferentiable(parseExpression('sin(x) + y'))).toBe(false);
    expect(() => toTensor(parseExpression('sin(x)'), tensor([1]), tensor([1]))).toThrow(/sin can be plotted/);
  });
});

describe('parseExpression: every error names what and where', () => {
  it.each([
    ['x + )', "unexpected ')' at character 5: a value is missing before it", 4],
    ['(x + y))', "unexpected ')' at character 8: it closes no '('", 7],
    ['x + z', "unknown name 'z' at character 5: use x, y, pi, e or sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid", 4],
    ['2x', "unexpected 'x' at character 2: expected an operator (+ − * / ^) before it", 1],
    ['x y', "unexpected 'y' at character 3: expected an operator (+ − * / ^) before it", 2],
    ['sin x', "'sin' at character 1 needs its argument in parentheses, e.g. sin(x)", 4],
    ['(x + 1', "missing ')' for the '(' at character 1", 6],
    ['x +', 'the function ends too early at character 4: a value is missing', 3],
    ['x % 2', "unexpected '%' at character 3", 2],
    ['Math.sin(x)', "unexpected '.' at character 5", 4],
    ['   ', 'the function is empty', 0],
  ])('%j: "%s" (position %i)', (source, message, position) => {
    const e = errorOf(source);
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.position).toBe(position);
  });

  it('limits length and every kind of nesting, and accepts what is within the limits', () => {
    expect(errorOf('x+'.repeat(250) + 'x').message).toMatch(/too long \(501 characters; at most 500\)/);
    expect(value('x+'.repeat(200) + 'x', 1)).toBe(201); // long but flat
    expect(errorOf('-'.repeat(150) + 'x').message).toMatch(/nests too deeply/);
    expect(errorOf('(-'.repeat(60) + 'x' + ')'.repeat(60)).message).toMatch(/nests too deeply/);
    expect(errorOf('x^'.repeat(120) + 'x').message).toMatch(/nests too deeply/);
    expect(value('('.repeat(50) + 'x' + ')'.repeat(50), 3)).toBe(3);
  });

  it('reads every written number form and the typographic minus', () => {
    expect([value('2.'), value('.25'), value('2.5E+2'), value('pi'), value('e')]).toEqual([2, 0.25, 250, Math.PI, Math.E]);
    expect(value('3 \u2212 x', 1)).toBe(2);
    expect(value('sigmoid(x)', -800)).toBe(0); // no overflow to NaN
    expect(value('log(x)', -1)).toBeNaN();
  });
});

describe('toTensor: more cases', () => {
  /** f and ∇f at (x, y) through autograd, in float64. */
  function autogradAt(source: string, x0: number, y0: number): [number, number] {
    const x = tensor([x0], undefined, { dtype: 'float64' });
    const y = tensor([y0], undefined, { dtype: 'float64' });
    x.requiresGrad = y.requiresGrad = true;
    backward(reshape(toTensor(parseExpression(source), x, y), []));
    return [x.grad?.dataSync()[0] ?? 0, y.grad?.dataSync()[0] ?? 0];
  }

  it('gives the course function its analytic gradient (x/10, 2y), and a Rosenbrock valley its own', () => {
    const [gx, gy] = autogradAt(COURSE_FUNCTION, -7, 2);
    expect(gx).toBeCloseTo(-0.7, 14);
    expect(gy).toBeCloseTo(4, 14);
    // ∇[(1 − x)² + 100(y − x²)²] = (−2(1 − x) − 400x(y − x²), 200(y − x²)); at (−1.2, 1): (−215.6, −88).
    const [rx, ry] = autogradAt('(1 - x)^2 + 100*(y - x^2)^2', -1.2, 1);
    expect(rx).toBeCloseTo(-215.6, 9);
    expect(ry).toBeCloseTo(-88, 9);
  });

  it('differentiates a variable exponent: ∇(2^x + x^y) = (2^x ln 2 + y x^(y−1), x^y ln x)', () => {
    const [gx, gy] = autogradAt('2^x + x^y', 1.2, 0.8);
    expect(gx).toBeCloseTo(2 ** 1.2 * Math.LN2 + 0.8 * 1.2 ** -0.2, 12);
    expect(gy).toBeCloseTo(1.2 ** 0.8 * Math.log(1.2), 12);
  });

  it('works on grids of points, and a constant gives a tensor of the grid\'s shape', () => {
    const x = tensor([0, 1, 2], undefined, { dtype: 'float64' });
    const y = tensor([1, 1, 1], undefined, { dtype: 'float64' });
    expect([...toTensor(parseExpression('x*y + 1'), x, y).dataSync()]).toEqual([1, 2, 3]);
    expect([...toTensor(parseExpression('5'), x, y).dataSync()]).toEqual([5, 5, 5]);
    // A constant argument of sin is folded into a number: nothing to differentiate.
    expect(toTensor(parseExpression('x * sin(pi/2)'), x, y).dataSync()[2]).toBeCloseTo(2, 14);
  });
});
