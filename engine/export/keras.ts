/**
 * A DeepWire project as one runnable Keras 3 script (TensorFlow backend): the same network —
 * channels-last is Keras' own layout, and Keras' "same" padding splits as the engine's does
 * (the smaller half first), so layers map one to one and weights load without conversion —
 * the same initialisers, loss, weight decay, optimiser and training settings, trained with
 * `fit` on the samples DeepWire trains on (data.safetensors).
 *
 * Where Keras cannot match the engine exactly, the script says so in a comment: Adam adds ε to
 * √v rather than to √v̂, AdaGrad and RMSProp put ε inside the square root, and the loss Keras
 * reports includes the weight-decay penalty. The perceptron rule needs no custom optimiser: as
 * in the engine it is SGD with the Step units passing the gradient straight through.
 */
import { ExportError, identifier, type ExportModel, type ExportStep } from './model';
import { msg } from '../i18n/message';
import {
  argparseCode, wrapCall, classCount, docText, isClassification, optionsDoc, outputUnits, poolStride, PyNames, pyBool, pyFloat, pyStr,
  pyTuple, regularizedSteps, regularizerOf, resolveOptions, sampleDims, stepComment, targetLayout, trainingDefaults, usesKind,
  type ResolvedScriptOptions, type ScriptOptions, scriptConstants } from './python';

/** Names the script defines or imports: no node may take them. */
const RESERVED = [
  'x', 'keras', 'layers', 'ops', 'np', 'os', 'sys', 'json', 'struct', 'argparse', 'model', 'train_model', 'state',
  'Step', 'HERE', 'SHUFFLE', 'EVAL_BATCH', 'DEEPWIRE_WEIGHTS', 'DEEPWIRE_SHAPES', 'LOSS',
];

const INIT: Record<string, string> = {
  normal1: 'keras.initializers.RandomNormal(stddev=1.0)',
  normal001: 'keras.initializers.RandomNormal(stddev=0.01)',
  xavierNormal: 'xavier_normal()',
  xavierUniform: "'glorot_uniform'",
  heNormal: 'he_normal()',
  heUniform: "'he_uniform'",
  zeros: "'zeros'",
};

/** DeepWire's normal initialisers; Keras' GlorotNormal and HeNormal draw from a truncated normal. */
const NORMAL_INITS = `def xavier_normal():
    """DeepWire's Xavier normal: N(0, 2 / (fan_in + fan_out)), not truncated."""
    return keras.initializers.VarianceScaling(1.0, mode='fan_avg',
                                              distribution='untruncated_normal')


def he_normal():
    """DeepWire's He normal: N(0, 2 / fan_in), not truncated."""
    return keras.initializers.VarianceScaling(2.0, mode='fan_in',
                                              distribution='untruncated_normal')`;

function weightArgs(step: ExportStep): string[] {
  const p = step.params;
  const init = INIT[String(p.init)];
  if (!init) throw new ExportError(msg('exportError.init', { node: step.nodeId, init: String(p.init), target: 'Keras' }));
  const args = [`kernel_initializer=${init}`];
  if (p.useBias === false) args.push('use_bias=False');
  const reg = regularizerOf(step);
  if (reg) args.push(`kernel_regularizer=keras.regularizers.${reg.kind.toUpperCase()}(${pyFloat(reg.lambda)})`);
  return args;
}

/** `out = layers.X(args, name='node id')(input)`, wrapped when long. */
function layerCall(out: string, name: string, layer: string, args: string[], input: string): string[] {
  return wrapCall(`${out} = layers.${layer}`, [...args, `name=${pyStr(name)}`], `(${input})`, 4);
}

function stepCode(step: ExportStep, model: ExportModel, v: (id: string) => string): { lines: string[]; weights: string[] } {
  const out = v(step.nodeId);
  const [a] = step.inputs.map(v);
  const p = step.params;
  const own = (...suffixes: string[]) => suffixes.map((s) => `${step.nodeId}.${s}`).filter((n) => step.weightNames.includes(n));
  switch (step.kind) {
    case 'Dense':
      return { lines: layerCall(out, step.nodeId, 'Dense', [String(p.units), ...weightArgs(step)], a), weights: own('kernel', 'bias') };
    case 'Conv2D': {
      const args = [String(p.filters), String(p.kernelSize)];
      if (Number(p.stride) > 1) args.push(`strides=${String(p.stride)}`);
      args.push(`padding=${pyStr(String(p.padding))}`);
      if (Number(p.dilation) > 1) args.push(`dilation_rate=${String(p.dilation)}`);
      const lines = layerCall(out, step.nodeId, 'Conv2D', [...args, ...weightArgs(step)], a);
      if (Number(p.stride) > 1 && Number(p.dilation) > 1) {
        lines.unshift('# TensorFlow may refuse strides > 1 together with dilation > 1 on some devices.');
      }
      return { lines, weights: own('kernel', 'bias') };
    }
    case 'MaxPool2D':
    case 'AvgPool2D': {
      const args = [`pool_size=${String(p.poolSize)}`, `strides=${poolStride(step)}`, `padding=${pyStr(String(p.padding))}`];
      return { lines: layerCall(out, step.nodeId, step.kind === 'MaxPool2D' ? 'MaxPooling2D' : 'AveragePooling2D', args, a), weights: [] };
    }
    case 'Flatten':
      return { lines: layerCall(out, step.nodeId, 'Flatten', [], a), weights: [] };
    case 'Reshape':
      return { lines: layerCall(out, step.nodeId, 'Reshape', [pyTuple(sampleDims(step.outShape))], a), weights: [] };
    case 'BatchNorm':
      return {
        lines: layerCall(out, step.nodeId, 'BatchNormalization', [`momentum=${pyFloat(Number(p.momentum))}`, `epsilon=${pyFloat(Number(p.epsilon))}`], a),
        weights: own('gamma', 'beta', 'running_mean', 'running_var'),
      };
    case 'Dropout':
      return { lines: layerCall(out, step.nodeId, 'Dropout', [pyFloat(Number(p.rate))], a), weights: [] };
    case 'Add':
      return { lines: layerCall(out, step.nodeId, 'Add', [], `[${step.inputs.map(v).join(', ')}]`), weights: [] };
    case 'Concat':
      return { lines: layerCall(out, step.nodeId, 'Concatenate', ['axis=-1'], `[${step.inputs.map(v).join(', ')}]`), weights: [] };
    case 'Step':
      return {
        lines: wrapCall(`${out} = Step`, [`straight_through=${pyBool(model.optimizer.kind === 'Perceptron')}`, `name=${pyStr(step.nodeId)}`], `(${a})`, 4),
        weights: [],
      };
    case 'Sigmoid':
    case 'Tanh':
    case 'ReLU':
    case 'Softmax':
      return { lines: layerCall(out, step.nodeId, 'Activation', [pyStr(step.kind.toLowerCase())], a), weights: [] };
    case 'LeakyReLU':
      return { lines: layerCall(out, step.nodeId, 'LeakyReLU', [`negative_slope=${pyFloat(Number(p.alpha))}`], a), weights: [] };
    case 'Identity':
      return { lines: layerCall(out, step.nodeId, 'Identity', [], a), weights: [] };
    default:
      throw new ExportError(msg('exportError.kind', { node: step.nodeId, kind: step.kind, target: 'Keras' }));
  }
}

/** Where this script's Keras differs from DeepWire, for the docstring. */
function differences(model: ExportModel): string[] {
  const notes: string[] = [];
  switch (model.optimizer.kind) {
    case 'Adam':
      notes.push('Adam adds epsilon to sqrt(v) where DeepWire adds it to sqrt(v_hat); the two agree',
        'up to epsilon * sqrt(1 - beta2^t), a difference that only shows while gradients are tiny.');
      break;
    case 'AdaGrad':
    case 'RMSProp':
      notes.push(`${model.optimizer.kind === 'AdaGrad' ? 'Adagrad' : 'RMSprop'} divides by sqrt(h + epsilon) where DeepWire divides by`,
        'sqrt(h) + epsilon: the same while h >> epsilon, slightly smaller steps for tiny gradients.');
      break;
    default:
      break;
  }
  if (regularizedSteps(model).length) {
    notes.push('The loss Keras prints includes the weight decay penalty; DeepWire shows it without.');
  }
  notes.push('Initial weights (without a weights file), shuffling and dropout masks come from',
    "Keras' random numbers, not DeepWire's.");
  return notes.map((n) => `    ${n}`);
}

function header(model: ExportModel, opts: ResolvedScriptOptions, usesOps: boolean): string {
  return `#!/usr/bin/env python3
"""${docText(opts.projectName)}: a neural network exported from DeepWire as a Keras script.

The network, initialisers, loss, weight decay, optimiser and training settings are those of
the DeepWire project, and it trains on the samples DeepWire trains on (normalised and split
the same way), so its results compare with DeepWire's. Keras keeps images channels-last, as
DeepWire does, and its weights have DeepWire's layouts.

Run:
    python model_keras.py
        on the GPU when TensorFlow finds one, else on the CPU. For several GPUs, build and
        compile the model inside tf.distribute.MirroredStrategy().scope().

Files, beside this script:
    ${docText(opts.dataFile)}
        the samples: x (features, channels-last), y (${isClassification(model) ? 'class indices' : 'targets'}), and the row
        indices of the train, validation and test splits.${model.trained ? `
    ${docText(opts.weightsFile)}
        the weights trained in DeepWire; training starts from them.` : ''}

Options:
${optionsDoc(model, opts, false).join('\n')}

Where Keras differs from DeepWire:
${differences(model).join('\n')}

The last line printed is "RESULT {json}" with the final metrics, for programs that run this.
Needs Keras 3 with TensorFlow (pip install tensorflow) and NumPy.
"""
import argparse
import json
import os
import struct
import sys

import keras
import numpy as np
from keras import ${usesOps ? 'layers, ops' : 'layers'}`;
}

const SAFETENSORS = `# safetensors, the format of DeepWire's weight and data files: an 8-byte little-endian header
# length, a JSON header giving each tensor's dtype, shape and byte range, then the raw
# little-endian bytes. Read and written here with NumPy alone.
SAFETENSORS_DTYPES = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4', 'I64': '<i8'}
NUMPY_DTYPES = {'float32': 'F32', 'float64': 'F64', 'int32': 'I32', 'int64': 'I64'}


def load_safetensors(path):
    """The tensors of a safetensors file, by name, as NumPy arrays."""
    with open(path, 'rb') as f:
        (length,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        if info['dtype'] not in SAFETENSORS_DTYPES:
            sys.exit(f'{path}: tensor {name!r} is {info["dtype"]}; this script reads '
                     + ', '.join(SAFETENSORS_DTYPES))
        begin, end = info['data_offsets']
        values = np.frombuffer(data[begin:end], dtype=SAFETENSORS_DTYPES[info['dtype']])
        tensors[name] = values.reshape(info['shape'])
    return tensors


def save_safetensors(tensors, path):
    """Writes arrays (name -> array) as a safetensors file, widest dtype first, as the
    reference implementation orders them."""
    arrays = {}
    for name, value in tensors.items():
        array = np.asarray(value)
        if array.dtype.name not in NUMPY_DTYPES:
            array = array.astype(np.float32)
        arrays[name] = array.astype(array.dtype.newbyteorder('<'), copy=False)
    order = sorted(arrays, key=lambda n: (-arrays[n].dtype.itemsize, n))
    header, offset = {}, 0
    for name in order:
        array = arrays[name]
        header[name] = {'dtype': NUMPY_DTYPES[array.dtype.name], 'shape': list(array.shape),
                        'data_offsets': [offset, offset + array.nbytes]}
        offset += array.nbytes
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for name in order:
            f.write(arrays[name].tobytes())`;

const STEP = `class Step(layers.Layer):
    """DeepWire's Step activation: 1 where x > 0, else 0. Its gradient is zero, so backprop
    cannot train the layers before it; trained by the perceptron rule (straight_through=True)
    the gradient passes through unchanged, which turns gradient descent on
    0.5 * sum((y - t)^2) into Rosenblatt's w <- w + lr * (t - y) * x."""

    def __init__(self, straight_through=False, **kwargs):
        super().__init__(**kwargs)
        self.straight_through = straight_through

    def call(self, x):
        y = ops.cast(ops.greater(x, 0), x.dtype)
        if self.straight_through:
            return x + ops.stop_gradient(y - x)
        # A zero gradient rather than none: Keras wants a gradient for every weight.
        return ops.stop_gradient(y) + 0.0 * x

    def get_config(self):
        return {**super().get_config(), 'straight_through': self.straight_through}`;

function modelCode(model: ExportModel, names: PyNames): string {
  const v = (id: string) => (id === model.inputNode ? 'x' : names.get(id));
  const body: string[] = [`x = keras.Input(shape=${pyTuple(sampleDims(model.inputShape))}, name=${pyStr(model.inputNode)})`];
  const weights: [string, string[]][] = [];
  for (const step of model.steps) {
    const code = stepCode(step, model, v);
    body.push(...stepComment(step, 4), ...code.lines);
    if (code.weights.length) weights.push([step.nodeId, code.weights]);
  }
  const fused = model.loss.fused;
  const prediction = v(model.predictionNode);
  const lossInput = v(model.lossInputNode);
  body.push(`model = keras.Model(x, ${prediction}, name=${pyStr(identifier(model.name))})`);
  body.push(fused ? `return model, keras.Model(x, ${lossInput})` : 'return model, model');
  const doc = fused
    ? `"""The network as Keras layers named after DeepWire's nodes. Returns the model that
    predicts and the one whose output the loss takes: the logits, the final ${model.loss.kind === 'CrossEntropy' ? 'Softmax' : 'Sigmoid'} being
    fused into the loss as DeepWire does."""`
    : `"""The network as Keras layers named after DeepWire's nodes. Returns the model that
    predicts, twice: the loss takes the prediction itself."""`;
  const table = weights.flatMap(([layer, list]) =>
    wrapCall(`    ${pyStr(layer)}: `, list.length === 1 ? [`${pyStr(list[0])},`] : list.map(pyStr), ',', 0));
  const shapes = weights.flatMap(([, list]) => list.map((n) => `    ${pyStr(n)}: ${pyTuple(model.weights.get(n)!.shape)},`));
  return `def build_model():
    ${doc}
${body.map((l) => `    ${l}`).join('\n')}


# DeepWire's tensors of each layer, in the order Keras keeps that layer's weights; the layouts
# are the same (Dense kernels [in, out], Conv2D kernels [kh, kw, in, out]).
DEEPWIRE_WEIGHTS = {${table.length ? `\n${table.join('\n')}\n` : ''}}
DEEPWIRE_SHAPES = {${shapes.length ? `\n${shapes.join('\n')}\n` : ''}}


def check_deepwire_state(state):
    """Stops with a message when the tensors do not fit this network."""
    problems = [f'{name!r} is missing' for name in DEEPWIRE_SHAPES if name not in state]
    problems += [f'{name!r} does not belong to this network' for name in state
                 if name not in DEEPWIRE_SHAPES]
    problems += [f'{name!r} has shape {tuple(t.shape)}, the network needs {DEEPWIRE_SHAPES[name]}'
                 for name, t in state.items()
                 if name in DEEPWIRE_SHAPES and tuple(t.shape) != DEEPWIRE_SHAPES[name]]
    if problems:
        sys.exit('The weights do not fit this network (was the graph edited after training?): '
                 + '; '.join(problems))


def load_deepwire(model, state):
    """Sets the layers' weights from tensors by DeepWire's names (weights.safetensors, --save)."""
    check_deepwire_state(state)
    for layer, names in DEEPWIRE_WEIGHTS.items():
        model.get_layer(layer).set_weights([np.asarray(state[n], dtype=np.float32) for n in names])


def deepwire_state(model):
    """The weights by DeepWire's names, to save as weights.safetensors."""
    state = {}
    for layer, names in DEEPWIRE_WEIGHTS.items():
        for name, value in zip(names, model.get_layer(layer).get_weights()):
            state[name] = np.asarray(value, dtype=np.float32)
    return state`;
}

function lossCode(model: ExportModel): string {
  const layout = targetLayout(model);
  const units = outputUnits(model);
  const targets = {
    indices: ['class indices', "return y.astype('int32')"],
    oneHot: ['one-hot rows (MSE on several outputs)', `return np.eye(${units}, dtype='float32')[y]`],
    column: ['a column of 0/1 (one output unit)', "return y.astype('float32').reshape(-1, 1)"],
    values: ['the regression values', "return y.astype('float32')"],
  }[layout];
  const parts = [`def loss_targets(y):
    """The targets as the loss takes them: ${targets[0]}."""
    ${targets[1]}`];
  switch (model.loss.kind) {
    case 'CrossEntropy':
      parts.push(`# DeepWire's CrossEntropy: softmax cross-entropy computed from the logits${model.loss.fused ? ' (the final Softmax\n# fused into the loss)' : ' (DeepWire reads\n# its input as logits)'}, averaged over the batch.
LOSS = keras.losses.SparseCategoricalCrossentropy(from_logits=True)`);
      break;
    case 'BinaryCrossEntropy':
      parts.push(`# DeepWire's BinaryCrossEntropy, computed from the logits${model.loss.fused ? ' (the final Sigmoid fused\n# into the loss)' : ' (DeepWire reads its input as\n# logits even without a Sigmoid before the loss)'}, averaged over all elements.
LOSS = keras.losses.BinaryCrossentropy(from_logits=True)`);
      break;
    case 'MSE':
      parts.push(`def deepwire_mse(target, prediction):
    """DeepWire's MSE: 0.5 * sum over the outputs of (y - t)^2 per sample; Keras averages it
    over the batch (keras.losses.MeanSquaredError also averages over the outputs, without
    the 0.5)."""
    return 0.5 * ops.sum(ops.square(prediction - ops.cast(target, prediction.dtype)), axis=-1)


LOSS = deepwire_mse`);
      break;
    default:
      throw new ExportError(msg('exportError.loss', { node: model.loss.nodeId, kind: String(model.loss.kind), target: 'Keras' }));
  }
  if (isClassification(model)) {
    const metric = units === 1
      // On logits (fused), sigmoid(z) > 0.5 exactly when z > 0.
      ? `keras.metrics.BinaryAccuracy(name='accuracy', threshold=${model.loss.fused ? '0.0' : '0.5'})`
      : layout === 'oneHot' ? "keras.metrics.CategoricalAccuracy(name='accuracy')" : "keras.metrics.SparseCategoricalAccuracy(name='accuracy')";
    parts.push(`# Accuracy as DeepWire counts it: ${units === 1 ? `one output, threshold 0.5${model.loss.fused ? ' on the probability' : ''}` : `the arg-max class (of ${classCount(model)})`}.
METRICS = [${metric}]`);
  } else {
    parts.push('METRICS = []');
  }
  return parts.join('\n\n\n');
}

function optimizerCode(model: ExportModel): string {
  const p = model.optimizer.params;
  const f = (k: string) => pyFloat(Number(p[k]));
  const body = (() => {
    switch (model.optimizer.kind) {
      case 'SGD':
        return `    """DeepWire's SGD: w <- w - lr * g."""
    return keras.optimizers.SGD(learning_rate=lr)`;
      case 'Momentum':
        return `    """DeepWire's Momentum, exactly: v <- a * v - lr * g; w <- w + v."""
    return keras.optimizers.SGD(learning_rate=lr, momentum=${f('momentum')})`;
      case 'AdaGrad':
        return `    """DeepWire's AdaGrad: h <- h + g^2 from h = 0, w <- w - lr * g / (sqrt(h) + eps). Keras
    divides by sqrt(h + eps) instead (see the module docstring)."""
    return keras.optimizers.Adagrad(learning_rate=lr, initial_accumulator_value=0.0,
                                    epsilon=${f('epsilon')})`;
      case 'RMSProp':
        return `    """DeepWire's RMSProp: h <- rho * h + (1 - rho) * g^2; w <- w - lr * g / (sqrt(h) + eps).
    Keras divides by sqrt(h + eps) instead (see the module docstring)."""
    return keras.optimizers.RMSprop(learning_rate=lr, rho=${f('decay')}, epsilon=${f('epsilon')})`;
      case 'Adam':
        return `    """DeepWire's Adam: w <- w - lr * m_hat / (sqrt(v_hat) + eps). Keras adds eps to sqrt(v)
    before the bias correction instead (see the module docstring)."""
    return keras.optimizers.Adam(learning_rate=lr, beta_1=${f('beta1')}, beta_2=${f('beta2')},
                                 epsilon=${f('epsilon')})`;
      case 'Perceptron':
        return `    """Rosenblatt's perceptron rule, w <- w + lr * (t - y) * x, exactly as DeepWire trains it:
    plain gradient descent on the MSE loss while the Step units pass the gradient straight
    through (Step(straight_through=True) in build_model). With batch size 1 it is the
    textbook online rule; with larger batches its average."""
    return keras.optimizers.SGD(learning_rate=lr)`;
      default:
        throw new ExportError(msg('exportError.optimizer', { node: model.optimizer.nodeId, kind: model.optimizer.kind, target: 'Keras' }));
    }
  })();
  return `def make_optimizer(lr):\n${body}`;
}

function runCode(model: ExportModel): string {
  return `def load_data(path):
    """The samples as DeepWire trains on them: x, y and the row indices of each split."""
    if not os.path.exists(path):
        sys.exit(f'{path} not found: export the project from DeepWire again (the data file is '
                 'written beside the script), or give its place with --data PATH')
    data = load_safetensors(path)
    splits = {name: data[name].astype('int64') for name in ('train', 'validation', 'test')}
    return data['x'].astype('float32'), data['y'], splits


def predict(model, train_model, source, target):
    """Writes the predictions${model.loss.fused ? ' (and the logits)' : ''} for the samples x of \`source\` to \`target\`."""
    x = load_safetensors(source)['x'].astype('float32')
    result = {'prediction': model.predict(x, batch_size=EVAL_BATCH, verbose=0)}${model.loss.fused ? `
    result['logits'] = train_model.predict(x, batch_size=EVAL_BATCH, verbose=0)` : ''}
    save_safetensors(result, target)


def describe(metrics):
    return '  '.join(f'{k} {v:.2%}' if k.endswith('accuracy') else f'{k} {v:.4f}'
                     for k, v in metrics.items())


def main():
    args = parse_args()
    keras.utils.set_random_seed(args.seed)
    model, train_model = build_model()
    if args.weights:
        load_deepwire(model, load_safetensors(args.weights))
    if args.predict:
        predict(model, train_model, args.predict[0], args.predict[1])
        return
    x, y, splits = load_data(args.data)
    targets = loss_targets(y)
    train, validation, test = splits['train'], splits['validation'], splits['test']
    train_model.compile(optimizer=make_optimizer(args.lr), loss=LOSS, metrics=METRICS)
    result = {'epochs': 0}
    if not args.no_train:
        history = train_model.fit(
            x[train], targets[train], batch_size=args.batch_size, epochs=args.epochs,
            shuffle=SHUFFLE, verbose=2, callbacks=[keras.callbacks.TerminateOnNaN()],
            validation_data=(x[validation], targets[validation]) if len(validation) else None)
        result = {'epochs': len(history.history['loss']),
                  **{k: float(v[-1]) for k, v in history.history.items()}}
    elif len(validation):
        metrics = train_model.evaluate(x[validation], targets[validation], batch_size=EVAL_BATCH,
                                       verbose=0, return_dict=True)
        result.update({f'val_{k}': float(v) for k, v in metrics.items()})
    if len(test):
        metrics = train_model.evaluate(x[test], targets[test], batch_size=EVAL_BATCH, verbose=0,
                                       return_dict=True)
        result.update({f'test_{k}': float(v) for k, v in metrics.items()})
        print(f'test  {describe(metrics)}')
    if args.save:
        save_safetensors(deepwire_state(model), args.save)
        print(f'saved the weights to {args.save}')
    print('RESULT ' + json.dumps(result))


if __name__ == '__main__':
    main()`;
}

/**
 * The Keras script for `model`: one runnable file that needs Keras 3 (TensorFlow) and NumPy.
 * It reads `dataFile` (see exportData) and, when `model.trained`, starts from `weightsFile`,
 * both beside it.
 *
 * @throws ExportError for a node kind, loss or optimiser the writer does not know.
 */
export function exportKeras(model: ExportModel, options: ScriptOptions = {}): string {
  const opts = resolveOptions(model, options);
  const names = new PyNames(RESERVED);
  const d = trainingDefaults(model);
  const body = [
    scriptConstants(d.shuffle),
    SAFETENSORS,
  ];
  if (usesKind(model, 'Step')) body.push(STEP);
  const build = modelCode(model, names);
  if (/\b(xavier|he)_normal\(\)/.test(build)) body.push(NORMAL_INITS);
  body.push(build, lossCode(model), optimizerCode(model), argparseCode(model, opts, false).trimEnd(), runCode(model));
  const usesOps = body.some((section) => /\bops\./.test(section));
  return `${[header(model, opts, usesOps), ...body].join('\n\n\n')}\n`;
}
