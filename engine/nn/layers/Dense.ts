/**
 * Dense (fully connected): y = x·W + b over the last axis. W is (inFeatures, units).
 */
import { ShapeError } from '../../core/errors';
import type { Tensor } from '../../core/tensor';
import { add, matmul, reshape, zeros } from '../../ops';
import { initialize, type Initializer } from '../init';
import { Layer } from '../Layer';
import { NO_REGULARIZER, type Regularizer } from '../regularizers';
import type { LayerContext } from './context';

export interface DenseOptions {
  inFeatures: number;
  units: number;
  init?: Initializer;
  useBias?: boolean;
  regularizer?: Regularizer;
}

export class Dense extends Layer {
  readonly kind = 'Dense';
  readonly kernel: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly options: DenseOptions, ctx: LayerContext, name = 'dense') {
    super(name);
    const { inFeatures, units, init = { kind: 'xavierNormal' }, useBias = true } = options;
    this.regularizer = options.regularizer ?? NO_REGULARIZER;
    const create = { dtype: ctx.dtype, backend: ctx.backend };
    this.kernel = this.addParameter('kernel', initialize(init, [inFeatures, units], { fanIn: inFeatures, fanOut: units }, ctx.rng, create), true);
    this.bias = useBias ? this.addParameter('bias', zeros([units], create), false) : null;
  }

  forward(x: Tensor): Tensor {
    const { inFeatures, units } = this.options;
    if (x.rank < 2 || x.shape[x.rank - 1] !== inFeatures) {
      throw new ShapeError(this.name, [x.shape, [inFeatures, units]],
        `Dense expects (batch, ${inFeatures})${x.rank > 2 ? ' — add Flatten before it' : ''}`);
    }
    const flat = x.rank === 2 ? x : reshape(x, [-1, inFeatures]);
    let y = matmul(flat, this.kernel);
    if (this.bias) y = add(y, this.bias);
    return x.rank === 2 ? y : reshape(y, [...x.shape.slice(0, -1), units]);
  }
}
