/**
 * Batch normalisation, exactly the course's four formulas over a mini-batch B = {x₁…x_m}:
 *   μ_B = (1/m) Σ xᵢ                    mini-batch mean
 *   σ²_B = (1/m) Σ (xᵢ − μ_B)²          mini-batch variance
 *   x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε)       normalise
 *   yᵢ = γ x̂ᵢ + β                       scale and shift
 * Features are the last axis: (batch, features) for 1-D, (batch, h, w, channels) for 2-D, where
 * statistics run over batch and space. In inference the running mean/variance (exponential
 * averages of the batch statistics, momentum 0.9) replace μ_B and σ²_B.
 */
import { ShapeError } from '../../core/errors';
import type { Tensor } from '../../core/tensor';
import { add, div, mean, mul, noGrad, ones, sqrt, sub, variance, zeros } from '../../ops';
import { Layer } from '../Layer';
import type { LayerContext } from './context';

export interface BatchNormOptions {
  /** Size of the last axis (units of a Dense layer, channels of a Conv2D). */
  features: number;
  /** Weight of the old running statistics in each update (default 0.9). */
  momentum?: number;
  epsilon?: number;
}

export class BatchNorm extends Layer {
  readonly kind = 'BatchNorm';
  readonly gamma: Tensor;
  readonly beta: Tensor;
  /** Running statistics used in inference; not trained by gradients. */
  runningMean: Tensor;
  runningVar: Tensor;
  readonly momentum: number;
  readonly epsilon: number;

  constructor(readonly options: BatchNormOptions, ctx: LayerContext, name = 'batchnorm') {
    super(name);
    const create = { dtype: ctx.dtype, backend: ctx.backend };
    const { features } = options;
    this.momentum = options.momentum ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-5;
    this.gamma = this.addParameter('gamma', ones([features], create), false);
    this.beta = this.addParameter('beta', zeros([features], create), false);
    this.runningMean = zeros([features], create);
    this.runningVar = ones([features], create);
  }

  forward(x: Tensor): Tensor {
    const { features } = this.options;
    if (x.rank < 2 || x.shape[x.rank - 1] !== features) {
      throw new ShapeError(this.name, [x.shape], `BatchNorm expects (batch, …, ${features})`);
    }
    let mu: Tensor;
    let sigma2: Tensor;
    if (this.training) {
      const axes = x.shape.slice(0, -1).map((_, i) => i);
      mu = mean(x, axes);
      sigma2 = variance(x, axes);
      noGrad(() => {
        const m = this.momentum;
        // In place: the running statistics outlive the step's memory scope.
        this.runningMean.assign(add(mul(this.runningMean, m), mul(mu, 1 - m)));
        this.runningVar.assign(add(mul(this.runningVar, m), mul(sigma2, 1 - m)));
      });
    } else {
      mu = this.runningMean;
      sigma2 = this.runningVar;
    }
    const xHat = div(sub(x, mu), sqrt(add(sigma2, this.epsilon)));
    return add(mul(xHat, this.gamma), this.beta);
  }
}
