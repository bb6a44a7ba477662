/**
 * MaxPool2D and AvgPool2D over NHWC images.
 */
import type { Tensor } from '../../core/tensor';
import { avgPool2d, maxPool2d, type Pool2dOptions } from '../../ops';
import { Layer } from '../Layer';

export class MaxPool2D extends Layer {
  readonly kind = 'MaxPool2D';
  constructor(readonly options: Pool2dOptions = {}, name = 'maxpool2d') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.options);
  }
}

export class AvgPool2D extends Layer {
  readonly kind = 'AvgPool2D';
  constructor(readonly options: Pool2dOptions = {}, name = 'avgpool2d') {
    super(name);
  }
  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.options);
  }
}
