/**
 * Conv2D over NHWC images: filters of (kernelH, kernelW, inChannels, filters), optional bias,
 * stride, padding ('valid' | 'same' | explicit) and dilation.
 */
import { ShapeError } from '../../core/errors';
import type { Tensor } from '../../core/tensor';
import { add, conv2d, zeros, type Padding } from '../../ops';
import { initialize, type Initializer } from '../init';
import { Layer } from '../Layer';
import { NO_REGULARIZER, type Regularizer } from '../regularizers';
import type { LayerContext } from './context';

type Pair = number | readonly [number, number];

export interface Conv2DOptions {
  inChannels: number;
  filters: number;
  kernelSize: Pair;
  strides?: Pair;
  padding?: Padding;
  dilation?: Pair;
  init?: Initializer;
  useBias?: boolean;
  regularizer?: Regularizer;
}

export class Conv2D extends Layer {
  readonly kind = 'Conv2D';
  readonly kernel: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly options: Conv2DOptions, ctx: LayerContext, name = 'conv2d') {
    super(name);
    const { inChannels, filters, init = { kind: 'heNormal' }, useBias = true } = options;
    const [kH, kW] = typeof options.kernelSize === 'number' ? [options.kernelSize, options.kernelSize] : options.kernelSize;
    this.regularizer = options.regularizer ?? NO_REGULARIZER;
    const create = { dtype: ctx.dtype, backend: ctx.backend };
    const fans = { fanIn: kH * kW * inChannels, fanOut: kH * kW * filters };
    this.kernel = this.addParameter('kernel', initialize(init, [kH, kW, inChannels, filters], fans, ctx.rng, create), true);
    this.bias = useBias ? this.addParameter('bias', zeros([filters], create), false) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.rank !== 4 || x.shape[3] !== this.options.inChannels) {
      throw new ShapeError(this.name, [x.shape], `Conv2D expects (batch, height, width, ${this.options.inChannels})`);
    }
    const { strides, padding, dilation } = this.options;
    const y = conv2d(x, this.kernel, { strides, padding, dilation });
    return this.bias ? add(y, this.bias) : y;
  }
}
