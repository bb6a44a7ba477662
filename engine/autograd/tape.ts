/**
 * Reverse-mode autograd. While recording is on, every op that has an input requiring a gradient
 * attaches a GradNode to its output; `backward` walks those nodes in reverse topological order
 * (the tape of what ran) and applies the rules in `gradients.ts`.
 */
import { GradientError } from '../core/errors';
import { Tensor } from '../core/tensor';

let recording = true;
let straightThroughStep = false;

/** Whether ops currently record for autograd. */
export function isRecording(): boolean {
  return recording;
}

/** Runs `fn` without recording gradients (inference, optimiser updates, gradient rules). */
export function noGrad<T>(fn: () => T): T {
  const previous = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = previous;
  }
}

/**
 * Runs `fn` with Step's gradient passed straight through instead of zero. This is exactly the
 * perceptron learning rule: for y = step(x·w + b) and E = ½Σ(y − t)², backprop then yields
 * ∂E/∂w = (y − t)·x, so gradient descent gives w ← w + η(t − y)x.
 */
export function withStraightThroughStep<T>(fn: () => T): T {
  const previous = straightThroughStep;
  straightThroughStep = true;
  try {
    return fn();
  } finally {
    straightThroughStep = previous;
  }
}

export function isStraightThroughStep(): boolean {
  return straightThroughStep;
}

/** Attaches a GradNode to `out` when recording and any input wants a gradient. */
export function record(out: Tensor, op: string, inputs: readonly Tensor[], attrs: Record<string, unknown> = {}): Tensor {
  if (recording && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    out.node = { op, inputs, attrs };
  }
  return out;
}

/** A gradient rule: given the output's gradient, the gradients of each input (null: none). */
export type GradRule = (dy: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: Readonly<Record<string, unknown>>) =>
  readonly (Tensor | null)[];

let rules: Readonly<Record<string, GradRule>> = {};

/** Installs the gradient table (done once by gradients.ts, which would otherwise import us cyclically). */
export function installGradRules(table: Readonly<Record<string, GradRule>>): void {
  rules = table;
}

/** Reverse topological order of the recorded graph that ends at `root`. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: deep nets would overflow the call stack with recursion.
  const stack: [Tensor, number][] = [[root, 0]];
  seen.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [t, i] = top;
    const inputs = t.node ? t.node.inputs : [];
    if (i < inputs.length) {
      top[1]++;
      const child = inputs[i];
      if (child.requiresGrad && !seen.has(child)) {
        seen.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order.reverse();
}

/** The two ops the walk itself needs, passed in so that this module stays below the ops. */
export interface BackwardHelpers {
  add(a: Tensor, b: Tensor): Tensor;
  onesLike(t: Tensor): Tensor;
}

/**
 * Backpropagates from `root`. For a scalar root the seed gradient is 1; otherwise pass `seed`
 * with the root's shape. Leaves that require a gradient accumulate it into `.grad`.
 */
export function runBackward(root: Tensor, seed: Tensor | undefined, helpers: BackwardHelpers): void {
  const { add, onesLike } = helpers;
  if (!root.requiresGrad) {
    throw new GradientError('backward: this tensor does not depend on any tensor that requires a gradient');
  }
  if (!seed && root.size !== 1) {
    throw new GradientError(`backward: the output has ${root.size} elements; pass a seed gradient of the same shape or reduce it to a scalar`);
  }
  noGrad(() => {
    const grads = new Map<Tensor, Tensor>();
    grads.set(root, seed ?? onesLike(root));
    for (const t of topoOrder(root)) {
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      if (!t.node) {
        t.grad = t.grad ? add(t.grad, g) : g;
        continue;
      }
      const rule = rules[t.node.op];
      if (!rule) throw new GradientError(`backward: no gradient rule for op '${t.node.op}'`);
      const inputGrads = rule(g, t.node.inputs, t, t.node.attrs);
      t.node.inputs.forEach((input, i) => {
        const gi = inputGrads[i];
        if (!gi || !input.requiresGrad) return;
        const prev = grads.get(input);
        grads.set(input, prev ? add(prev, gi) : gi);
      });
    }
  });
}
