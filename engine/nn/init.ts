/**
 * Weight initialisers. The course compares normal σ=1, normal σ=0.01, Xavier and He on the
 * histograms of hidden activations; all of them are here, seeded.
 *
 * Xavier/Glorot uses Glorot & Bengio's variance 2 / (fanIn + fanOut) — the convention of Keras
 * and PyTorch, so exported models initialise alike. With equal fan-in and fan-out (the course's
 * 100-unit layers) this is exactly the course's σ = 1/√n. He uses σ = √(2 / fanIn).
 */
import type { DType } from '../core/dtype';
import { ArgumentError } from '../core/errors';
import type { Random } from '../core/random';
import type { Shape } from '../core/shape';
import type { Backend } from '../backend/backend';
import { full, randomNormal, randomUniform } from '../ops';
import type { Tensor } from '../core/tensor';

export type Initializer =
  | { kind: 'normal'; std: number }
  | { kind: 'uniform'; limit: number }
  | { kind: 'xavierNormal' }
  | { kind: 'xavierUniform' }
  | { kind: 'heNormal' }
  | { kind: 'heUniform' }
  | { kind: 'zeros' }
  | { kind: 'constant'; value: number };

export type InitializerKind = Initializer['kind'];

/** The course's presets, by the names the UI offers. */
export const INITIALIZER_PRESETS = {
  normal1: { kind: 'normal', std: 1 },
  normal001: { kind: 'normal', std: 0.01 },
  xavierNormal: { kind: 'xavierNormal' },
  xavierUniform: { kind: 'xavierUniform' },
  heNormal: { kind: 'heNormal' },
  heUniform: { kind: 'heUniform' },
  zeros: { kind: 'zeros' },
} as const satisfies Record<string, Initializer>;

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/** The standard deviation a normal initialiser draws with (uniform ones: the same variance). */
export function initStd(init: Initializer, { fanIn, fanOut }: Fans): number {
  switch (init.kind) {
    case 'normal':
      return init.std;
    case 'uniform':
      return init.limit / Math.sqrt(3);
    case 'xavierNormal':
    case 'xavierUniform':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'heNormal':
    case 'heUniform':
      return Math.sqrt(2 / fanIn);
    case 'zeros':
    case 'constant':
      return 0;
  }
}

/** A new tensor of `shape` drawn from `init` with the given fans. */
export function initialize(init: Initializer, shape: Shape, fans: Fans, rng: Random,
  options: { dtype?: DType; backend?: Backend } = {}): Tensor {
  if (fans.fanIn <= 0 || fans.fanOut <= 0) throw new ArgumentError(`initialize: fan-in and fan-out must be positive, got ${fans.fanIn}, ${fans.fanOut}`);
  switch (init.kind) {
    case 'zeros':
      return full(shape, 0, options);
    case 'constant':
      return full(shape, init.value, options);
    case 'normal':
    case 'xavierNormal':
    case 'heNormal':
      return randomNormal(shape, rng, { ...options, std: initStd(init, fans) });
    case 'uniform':
    case 'xavierUniform':
    case 'heUniform': {
      // A uniform on [−a, a] has variance a²/3.
      const limit = initStd(init, fans) * Math.sqrt(3);
      return randomUniform(shape, rng, { ...options, low: -limit, high: limit });
    }
  }
}
