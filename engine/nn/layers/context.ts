/**
 * What layers need to create their parameters: a seeded generator, a dtype and a backend.
 */
import type { Backend } from '../../backend/backend';
import type { DType } from '../../core/dtype';
import type { Random } from '../../core/random';

export interface LayerContext {
  /** Draws initial weights (and dropout masks); forked per layer so layers don't share streams. */
  rng: Random;
  dtype?: DType;
  backend?: Backend;
}
