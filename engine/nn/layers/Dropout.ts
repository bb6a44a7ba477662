/**
 * Inverted dropout: while training each unit is kept with probability 1 − rate and scaled by
 * 1 / (1 − rate), so the expected activation is unchanged and inference needs no rescaling
 * (Dropout is the identity then). Masks come from the layer's seeded generator.
 */
import { allocArray } from '../../core/dtype';
import { ArgumentError } from '../../core/errors';
import type { Random } from '../../core/random';
import type { Tensor } from '../../core/tensor';
import { mul, tensor } from '../../ops';
import { Layer } from '../Layer';
import type { LayerContext } from './context';

export class Dropout extends Layer {
  readonly kind = 'Dropout';
  private readonly rng: Random;

  constructor(readonly rate: number, ctx: LayerContext, name = 'dropout') {
    super(name);
    if (!(rate >= 0 && rate < 1)) throw new ArgumentError(`Dropout: rate must be in [0, 1), got ${rate}`);
    this.rng = ctx.rng;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.rate === 0) return x;
    const keep = 1 - this.rate;
    const mask = allocArray(x.dtype, x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng.uniform() < keep ? 1 / keep : 0;
    return mul(x, tensor(mask, x.shape, { backend: x.backend }));
  }
}
