/**
 * The English message catalogue: every user-facing text of DeepWire, keyed by a stable id.
 *
 * Keys:
 *   category.<Category>                     palette sections (the registry's CATEGORIES)
 *   node.<kind>.label / node.<kind>.help    a node kind's title (≤ 16 characters) and one line
 *   param.<name>.label / .help              a parameter, shared by every kind that has it
 *   node.<kind>.param.<name>.label / .help  only where a kind means something else by the name
 *   option.<param>.<value>                  an enum value of a parameter
 *   port.<portId>                           a port's name
 *   node.<kind>.port.<portId>               only where a kind's port means something else
 *
 * Placeholders are written `{name}` and filled by `translate`. Braces appear in no other way.
 * ko.ts must have exactly these keys (the type checks it; engine/i18n/catalogue.test.ts checks
 * that every registered node kind, parameter, option and port has its texts in both languages).
 */
export const en = {
  // --- Categories -------------------------------------------------------------------------------
  'category.Data': 'Data',
  'category.Layer': 'Layers',
  'category.Activation': 'Activation',
  'category.Loss': 'Loss',
  'category.Optimizer': 'Optimizer',
  'category.Training': 'Training',

  // --- Ports ------------------------------------------------------------------------------------
  'port.x': 'Input x',
  'port.y': 'Output y',
  'port.pred': 'Prediction',
  'port.loss': 'Loss',

  // --- Data -------------------------------------------------------------------------------------
  'node.Dataset.label': 'Dataset',
  'node.Dataset.help':
    'Where the samples x and their targets y come from: logic gates (AND, OR, XOR, NAND), 2-D toy sets (spirals, moons, circles), Iris flowers or MNIST digits.',
  'node.Dataset.port.x': 'Samples x',
  'node.Dataset.port.y': 'Targets y',
  'node.Dataset.param.seed.label': 'Data seed',
  'node.Dataset.param.seed.help':
    'Seed of the generated points (spirals, moons, circles) and of the MNIST subset; the Training seed drives everything else.',

  // --- Layers -----------------------------------------------------------------------------------
  'node.Dense.label': 'Dense',
  'node.Dense.help':
    'Every input connects to every unit: y = x·W + b. Use He init before ReLU, Xavier before sigmoid or tanh.',
  'node.Conv2D.label': 'Conv2D',
  'node.Conv2D.help':
    'Slides small learned filters over an image (batch, height, width, channels); each filter gives one output channel.',
  'node.MaxPool2D.label': 'Max Pool 2D',
  'node.MaxPool2D.help': 'Keeps the largest value of each pooling window: a smaller feature map that tolerates small shifts.',
  'node.MaxPool2D.param.stride.help': 'How far the window moves each step; 0 means the pool size (windows do not overlap).',
  'node.AvgPool2D.label': 'Avg Pool 2D',
  'node.AvgPool2D.help': 'Averages each pooling window, shrinking the feature map.',
  'node.AvgPool2D.param.stride.help': 'How far the window moves each step; 0 means the pool size (windows do not overlap).',
  'node.Flatten.label': 'Flatten',
  'node.Flatten.help': 'Lays each sample out as one vector, e.g. (batch, 28, 28, 1) → (batch, 784), so a Dense layer can take it.',
  'node.Reshape.label': 'Reshape',
  'node.Reshape.help': 'Rearranges each sample into a new shape with the same number of values, e.g. 784 → 28 × 28 × 1.',
  'node.BatchNorm.label': 'Batch Norm',
  'node.BatchNorm.help':
    'Normalises each feature over the mini-batch to mean 0 and variance 1, then scales and shifts it (γ, β): faster training, less dependence on the initial weights.',
  'node.BatchNorm.param.momentum.label': 'Running momentum',
  'node.BatchNorm.param.momentum.help':
    'Weight of the old value when updating the running mean and variance, which replace the batch statistics at inference.',
  'node.BatchNorm.param.epsilon.help': 'A tiny constant added to the variance before the square root: x̂ = (x − μ) / √(σ² + ε).',
  'node.Dropout.label': 'Dropout',
  'node.Dropout.help':
    'While training, drops a random share of units at every step (scaling up the rest) to curb overfitting; passes everything at inference.',
  'node.Add.label': 'Add',
  'node.Add.help': 'Adds its inputs element by element; they must have the same shape (e.g. a skip connection).',
  'node.Concat.label': 'Concatenate',
  'node.Concat.help': 'Joins its inputs along the last axis (features or channels).',

  // --- Activations ------------------------------------------------------------------------------
  'node.Step.label': 'Step',
  'node.Step.help':
    'Outputs 1 where x > 0, else 0. Its gradient is zero, so backpropagation cannot train through it: use the Perceptron optimizer.',
  'node.Sigmoid.label': 'Sigmoid',
  'node.Sigmoid.help': 'Squashes any x into (0, 1): σ(x) = 1 / (1 + e^(−x)). Pairs with Xavier init.',
  'node.Tanh.label': 'Tanh',
  'node.Tanh.help': 'Hyperbolic tangent: squashes x into (−1, 1), centred on 0. Pairs with Xavier init.',
  'node.ReLU.label': 'ReLU',
  'node.ReLU.help': 'max(0, x): passes positive values, zeroes negative ones. The usual hidden-layer choice, with He init.',
  'node.LeakyReLU.label': 'Leaky ReLU',
  'node.LeakyReLU.help': 'Like ReLU but lets negative values through scaled by α (x if x > 0, else αx), so units never go silent.',
  'node.Softmax.label': 'Softmax',
  'node.Softmax.help':
    'Turns the output layer’s scores into probabilities that sum to 1: yₖ = exp(aₖ) / Σᵢ exp(aᵢ). For classification.',
  'node.Identity.label': 'Identity',
  'node.Identity.help': 'Passes its input through unchanged: the output function for regression.',

  // --- Losses -----------------------------------------------------------------------------------
  'node.MSE.label': 'MSE',
  'node.MSE.help':
    'Mean squared error: ½Σ(y−t)² per sample, averaged over the batch. For regression; class targets become one-hot rows.',
  'node.MSE.port.y': 'Targets y',
  'node.CrossEntropy.label': 'Cross-Entropy',
  'node.CrossEntropy.help':
    'Cross-entropy error −Σ t·log y for classification. Takes raw scores; a Softmax right before it is fused into the loss (exact and stable).',
  'node.CrossEntropy.port.y': 'Targets y',
  'node.BinaryCrossEntropy.label': 'Binary X-Entropy',
  'node.BinaryCrossEntropy.help':
    'Binary cross-entropy: two classes, one output unit. Takes a raw score; a Sigmoid right before it is fused into the loss (exact and stable).',
  'node.BinaryCrossEntropy.port.y': 'Targets y',

  // --- Optimizers -------------------------------------------------------------------------------
  'node.SGD.label': 'SGD',
  'node.SGD.help': 'Stochastic gradient descent: after each mini-batch, W ← W − η·∂L/∂W.',
  'node.Momentum.label': 'Momentum',
  'node.Momentum.help': 'SGD with velocity: v ← αv − η·∂L/∂W, then W ← W + v. Rolls through flat spots and damps zig-zags.',
  'node.AdaGrad.label': 'AdaGrad',
  'node.AdaGrad.help': 'A learning rate per weight: h ← h + g⊙g, W ← W − η·g / (√h + ε). The steps shrink as h grows.',
  'node.RMSProp.label': 'RMSProp',
  'node.RMSProp.help': 'AdaGrad that forgets old gradients: h ← ρh + (1 − ρ)·g⊙g, W ← W − η·g / (√h + ε).',
  'node.Adam.label': 'Adam',
  'node.Adam.help':
    'Momentum plus RMSProp, bias-corrected: running averages m of g and v of g², then W ← W − η·m̂ / (√v̂ + ε).',
  'node.Perceptron.label': 'Perceptron Rule',
  'node.Perceptron.help':
    'Rosenblatt’s rule for one layer of Step units: w ← w + η(t − y)x. A single layer cannot learn XOR.',

  // --- Training ---------------------------------------------------------------------------------
  'node.Training.label': 'Training',
  'node.Training.help':
    'How to train: number of epochs, mini-batch size, validation split, shuffling, the seed and the backend (CPU or WebGPU).',

  // --- Parameters (shared by name) --------------------------------------------------------------
  'param.units.label': 'Units',
  'param.units.help': 'Number of neurons (outputs) of this layer; in the output layer, one per class.',
  'param.init.label': 'Weight init',
  'param.init.help':
    'Initial weights. N(0,1): activations saturate and gradients vanish; N(0,0.01): all units alike. Xavier suits sigmoid/tanh, He suits ReLU.',
  'param.useBias.label': 'Use bias',
  'param.useBias.help': 'Add a learned bias b to every output (y = x·W + b).',
  'param.regularizer.label': 'Weight decay',
  'param.regularizer.help':
    'Penalise large weights to curb overfitting: L1 adds λΣ|W| to the loss, L2 adds λΣW² (biases are not penalised).',
  'param.lambda.label': 'λ (strength)',
  'param.lambda.help': 'How strongly the L1/L2 penalty pulls the weights toward zero.',
  'param.learningRate.label': 'Learning rate',
  'param.learningRate.help':
    'η: how far each update moves against the gradient. Too large and training diverges; too small and it barely moves.',
  'param.epsilon.label': 'Epsilon (ε)',
  'param.epsilon.help': 'A tiny constant that keeps the update from dividing by zero.',
  'param.filters.label': 'Filters',
  'param.filters.help': 'Number of filters, i.e. output channels.',
  'param.kernelSize.label': 'Kernel size',
  'param.kernelSize.help': 'Height and width of each filter (3 means 3×3).',
  'param.stride.label': 'Stride',
  'param.stride.help': 'How many pixels the window moves each step; 2 halves the height and width.',
  'param.padding.label': 'Padding',
  'param.padding.help': 'Same: pad the border with zeros so stride 1 keeps the size. Valid: no padding, the output shrinks.',
  'param.dilation.label': 'Dilation',
  'param.dilation.help': 'Spacing between the filter’s taps; 2 lets a 3×3 filter see a 5×5 area with no extra weights.',
  'param.poolSize.label': 'Pool size',
  'param.poolSize.help': 'Height and width of each pooling window (2 means 2×2).',
  'param.rate.label': 'Drop rate',
  'param.rate.help': 'Share of units dropped at each training step (0.5 drops half).',
  'param.momentum.label': 'Momentum (α)',
  'param.momentum.help': 'α: how much of the previous velocity is kept at each step (the course uses 0.9).',
  'param.alpha.label': 'Slope α',
  'param.alpha.help': 'Slope for negative inputs: with 0.01, a negative x gives 0.01x.',
  'param.decay.label': 'Decay (ρ)',
  'param.decay.help': 'ρ: how much of the old squared-gradient average is kept at each step; lower forgets faster.',
  'param.beta1.label': 'Beta 1 (β₁)',
  'param.beta1.help': 'β₁: decay of the running average of gradients (the momentum part), usually 0.9.',
  'param.beta2.label': 'Beta 2 (β₂)',
  'param.beta2.help': 'β₂: decay of the running average of squared gradients, usually 0.999.',
  'param.epochs.label': 'Epochs',
  'param.epochs.help': 'How many times to go through the whole training set.',
  'param.batchSize.label': 'Batch size',
  'param.batchSize.help': 'Samples per mini-batch: each update averages the loss and gradients over this many.',
  'param.validationSplit.label': 'Validation split',
  'param.validationSplit.help':
    'Share of the training data held out as validation data, to watch for overfitting (0.2 = 20%).',
  'param.shuffle.label': 'Shuffle',
  'param.shuffle.help': 'Shuffle the training samples before every epoch.',
  'param.seed.label': 'Seed',
  'param.seed.help': 'Drives initialisation, shuffling and dropout: the same seed on the same backend gives the same run.',
  'param.backend.label': 'Backend',
  'param.backend.help': 'Where training runs: CPU threads or the GPU through WebGPU; Auto chooses for you.',
  'param.threads.label': 'CPU threads',
  'param.threads.help': 'Threads that train on the CPU; 0 uses every core. More threads, same result: only faster.',
  'param.source.label': 'Data set',
  'param.source.help': 'Which data to learn: a logic gate, a 2-D toy set, Iris flowers or MNIST handwritten digits.',
  'param.samples.label': 'Samples',
  'param.samples.help': 'How many points to generate (spirals, moons, circles).',
  'param.noise.label': 'Noise',
  'param.noise.help': 'Standard deviation of the random noise in the generated points (spirals, moons, circles).',
  'param.classes.label': 'Classes',
  'param.classes.help': 'Number of spiral arms, one per class (spirals only).',
  'param.factor.label': 'Inner radius',
  'param.factor.help': 'Radius of the inner circle relative to the outer ring (circles only); nearer 1 is harder.',
  'param.limit.label': 'Sample limit',
  'param.limit.help': 'Train on only this many samples (0 = all); a small set makes overfitting easy to see.',
  'param.normalize.label': 'Normalize',
  'param.normalize.help': 'Rescale the inputs with statistics of the training data only, so nothing leaks from validation.',
  'param.shape.label': 'Shape',
  'param.shape.help': 'New shape of one sample, without the batch axis, e.g. 28, 28, 1; one size may be -1 (worked out).',

  // --- Options ----------------------------------------------------------------------------------
  'option.init.normal1': 'Normal σ=1',
  'option.init.normal001': 'Normal σ=0.01',
  'option.init.xavierNormal': 'Xavier (normal)',
  'option.init.xavierUniform': 'Xavier (uniform)',
  'option.init.heNormal': 'He (normal)',
  'option.init.heUniform': 'He (uniform)',
  'option.init.zeros': 'Zeros',
  'option.regularizer.none': 'None',
  'option.regularizer.l1': 'L1 (λΣ|W|)',
  'option.regularizer.l2': 'L2 (λΣW²)',
  'option.padding.valid': 'Valid (no padding)',
  'option.padding.same': 'Same (keep size)',
  'option.backend.auto': 'Auto',
  'option.backend.cpu': 'CPU',
  'option.backend.webgpu': 'WebGPU (GPU)',
  'option.normalize.none': 'None',
  'option.normalize.standardize': 'Standardize (mean 0, std 1)',
  'option.normalize.minmax': 'Min-max to [0, 1]',
  'option.source.and': 'AND gate',
  'option.source.or': 'OR gate',
  'option.source.xor': 'XOR gate',
  'option.source.nand': 'NAND gate',
  'option.source.spirals': 'Spirals',
  'option.source.moons': 'Two moons',
  'option.source.circles': 'Circles',
  'option.source.iris': 'Iris flowers',
  'option.source.mnist': 'MNIST digits',
} as const;

/** A key of the catalogue. */
export type MessageKey = keyof typeof en;
