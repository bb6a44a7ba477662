/**
 * A DeepWire project as one runnable PyTorch script: the same network (channels-last, as
 * DeepWire; permuted to NCHW around convolutions and pooling only, so Flatten keeps DeepWire's
 * order and trained Dense weights stay valid), the same initialisers, loss, weight decay,
 * optimiser and training settings, training on the samples DeepWire trains on
 * (data.safetensors), in one process or several under torchrun (DistributedDataParallel).
 *
 * What the script cannot reproduce bit for bit: the random streams (initial weights when no
 * weights file is given, shuffling, dropout masks) are PyTorch's, not DeepWire's; under
 * torchrun the DistributedSampler repeats a few samples so every process gets as many.
 */
import { ExportError, type ExportModel, type ExportStep } from './model';
import { msg } from '../i18n/message';
import {
  argparseCode, wrapCall, classCount, docText, isClassification, noPads, optionsDoc, outputUnits, poolStride, PyNames, pyBool,
  pyFloat, pyStr, pyTuple, regularizedSteps, resolveOptions, sampleDims, stepComment, stepPads, symmetricPads, targetLayout, LINE_WIDTH,
  trainingDefaults, usesKind, type Pads, type ResolvedScriptOptions, type ScriptOptions, scriptConstants } from './python';

/** Names the script defines or imports, and nn.Module's attributes: no node may take them. */
const RESERVED = [
  'x', 'h', 'self', 'torch', 'nn', 'F', 'dist', 'os', 'sys', 'json', 'math', 'struct', 'argparse', 'state',
  'Model', 'Step', 'BatchNorm', 'Perceptron', 'HERE', 'SHUFFLE', 'EVAL_BATCH', 'DEEPWIRE_SHAPES',
  'training', 'forward', 'train', 'eval', 'to', 'cuda', 'cpu', 'float', 'double', 'half', 'type', 'apply', 'modules',
  'parameters', 'buffers', 'children', 'state_dict', 'load_state_dict', 'zero_grad', 'penalty', 'load_deepwire',
  'deepwire_state', 'register_buffer', 'register_parameter', 'add_module', 'requires_grad_', 'share_memory',
  'named_parameters', 'named_buffers', 'named_modules', 'named_children', 'extra_repr', 'get_submodule',
];

const INIT: Record<string, (w: string) => string> = {
  normal1: (w) => `nn.init.normal_(${w}, std=1.0)`,
  normal001: (w) => `nn.init.normal_(${w}, std=0.01)`,
  xavierNormal: (w) => `nn.init.xavier_normal_(${w})`,
  xavierUniform: (w) => `nn.init.xavier_uniform_(${w})`,
  heNormal: (w) => `nn.init.kaiming_normal_(${w}, mode='fan_in', nonlinearity='relu')`,
  heUniform: (w) => `nn.init.kaiming_uniform_(${w}, mode='fan_in', nonlinearity='relu')`,
  zeros: (w) => `nn.init.zeros_(${w})`,
};

function initLine(step: ExportStep, w: string): string {
  const make = INIT[String(step.params.init)];
  if (!make) throw new ExportError(msg('exportError.init', { node: step.nodeId, init: String(step.params.init), target: 'PyTorch' }));
  return make(w);
}

/** The code of one network step: lines for `__init__`, for `forward`, and its weights. */
interface StepCode {
  init: string[];
  forward: string[];
  /** DeepWire tensor name → [code that loads it (`state[name]` → module), expression that reads it back]. */
  weights: [string, string, string][];
}

const NCHW = '.permute(0, 3, 1, 2)';
const NHWC = '.permute(0, 2, 3, 1)';
const padArg = (p: Pads) => `(${p.left}, ${p.right}, ${p.top}, ${p.bottom})`;
/** Columns of indentation of `forward`'s body. */
const BODY = 8;

/** `out = expr.permute(0, 2, 3, 1)`, through `h` on two lines when one would be too long. */
function backToNhwc(out: string, expr: string): string[] {
  const one = `${out} = ${expr}${NHWC}`;
  return BODY + one.length <= LINE_WIDTH ? [one] : [`h = ${expr}`, `${out} = h${NHWC}`];
}

/** A line with a trailing comment when both fit, else the comment above it. */
function commented(line: string, comment: string): string[] {
  return BODY + line.length + comment.length + 4 <= LINE_WIDTH ? [`${line}  # ${comment}`] : [`# ${comment}`, line];
}

function stepCode(step: ExportStep, model: ExportModel, names: PyNames, v: (id: string) => string): StepCode {
  const id = step.nodeId;
  const out = v(id);
  const attr = `self.${names.get(id)}`;
  const [a] = step.inputs.map(v);
  const p = step.params;
  const code: StepCode = { init: [], forward: [], weights: [] };
  const weight = (suffix: string, load: (t: string) => string, read: string) => {
    const name = `${id}.${suffix}`;
    if (!step.weightNames.includes(name)) return;
    code.weights.push([name, load(`state[${pyStr(name)}]`), read]);
  };
  switch (step.kind) {
    case 'Dense': {
      const [inFeatures] = sampleDims(step.inShapes[0]);
      const bias = p.useBias !== false;
      code.init.push(`${attr} = nn.Linear(${inFeatures}, ${String(p.units)}${bias ? '' : ', bias=False'})`, initLine(step, `${attr}.weight`));
      if (bias) code.init.push(`nn.init.zeros_(${attr}.bias)`);
      code.forward.push(`${out} = ${attr}(${a})`);
      weight('kernel', (t) => `${attr}.weight.copy_(${t}.t())`, `${attr}.weight.t()`);
      weight('bias', (t) => `${attr}.bias.copy_(${t})`, `${attr}.bias`);
      return code;
    }
    case 'Conv2D': {
      const [, , inChannels] = sampleDims(step.inShapes[0]);
      const pads = stepPads(step);
      const bias = p.useBias !== false;
      const args = [`${inChannels}`, `${String(p.filters)}`, `${String(p.kernelSize)}`];
      if (Number(p.stride) > 1) args.push(`stride=${String(p.stride)}`);
      if (!noPads(pads) && symmetricPads(pads)) args.push(`padding=${pyTuple([pads.top, pads.left])}`);
      if (Number(p.dilation) > 1) args.push(`dilation=${String(p.dilation)}`);
      if (!bias) args.push('bias=False');
      code.init.push(...wrapCall(`${attr} = nn.Conv2d`, args, '', BODY), initLine(step, `${attr}.weight`));
      if (bias) code.init.push(`nn.init.zeros_(${attr}.bias)`);
      if (symmetricPads(pads)) code.forward.push(...backToNhwc(out, `${attr}(${a}${NCHW})`));
      else {
        code.forward.push(...commented(`h = F.pad(${a}${NCHW}, ${padArg(pads)})`, "DeepWire's 'same': the larger half after"));
        code.forward.push(`${out} = ${attr}(h)${NHWC}`);
      }
      weight('kernel', (t) => `${attr}.weight.copy_(${t}.permute(3, 2, 0, 1))`, `${attr}.weight.permute(2, 3, 1, 0)`);
      weight('bias', (t) => `${attr}.bias.copy_(${t})`, `${attr}.bias`);
      return code;
    }
    case 'MaxPool2D':
    case 'AvgPool2D': {
      const pads = stepPads(step);
      const k = String(p.poolSize);
      const s = poolStride(step);
      const max = step.kind === 'MaxPool2D';
      const fn = max ? 'F.max_pool2d' : 'F.avg_pool2d';
      if (noPads(pads)) code.forward.push(...backToNhwc(out, `${fn}(${a}${NCHW}, ${k}, stride=${s})`));
      else if (symmetricPads(pads)) {
        // Padded cells never win a max (PyTorch pads with −∞) and, with count_include_pad=False,
        // are not counted in an average — as in DeepWire.
        const extra = max ? '' : ', count_include_pad=False';
        code.forward.push(...backToNhwc(out, `${fn}(${a}${NCHW}, ${k}, stride=${s}, padding=${pyTuple([pads.top, pads.left])}${extra})`));
      } else if (max) {
        code.forward.push(...commented(`h = F.pad(${a}${NCHW}, ${padArg(pads)}, value=float('-inf'))`, 'padding never wins'));
        code.forward.push(`${out} = F.max_pool2d(h, ${k}, stride=${s})${NHWC}`);
      } else {
        code.forward.push(...backToNhwc(out, `avg_pool_inside(${a}${NCHW}, ${k}, ${s}, ${padArg(pads)})`));
      }
      return code;
    }
    case 'Flatten':
      code.forward.push(`${out} = ${a}.reshape(${a}.shape[0], -1)  # channels-last order, as DeepWire`);
      return code;
    case 'Reshape':
      code.forward.push(`${out} = ${a}.reshape(${a}.shape[0], ${sampleDims(step.outShape).join(', ')})`);
      return code;
    case 'BatchNorm': {
      const features = sampleDims(step.inShapes[0]).at(-1)!;
      code.init.push(`${attr} = BatchNorm(${features}, momentum=${pyFloat(Number(p.momentum))}, eps=${pyFloat(Number(p.epsilon))})`);
      code.forward.push(`${out} = ${attr}(${a})`);
      for (const s of ['gamma', 'beta', 'running_mean', 'running_var']) weight(s, (t) => `${attr}.${s}.copy_(${t})`, `${attr}.${s}`);
      return code;
    }
    case 'Dropout':
      code.init.push(`${attr} = nn.Dropout(${pyFloat(Number(p.rate))})`);
      code.forward.push(`${out} = ${attr}(${a})`);
      return code;
    case 'Add':
      code.forward.push(`${out} = ${step.inputs.map(v).join(' + ')}`);
      return code;
    case 'Concat':
      code.forward.push(`${out} = torch.cat([${step.inputs.map(v).join(', ')}], dim=-1)`);
      return code;
    case 'Step':
      code.init.push(`${attr} = Step(straight_through=${pyBool(model.optimizer.kind === 'Perceptron')})`);
      code.forward.push(`${out} = ${attr}(${a})`);
      return code;
    case 'Sigmoid':
      code.forward.push(`${out} = torch.sigmoid(${a})`);
      return code;
    case 'Tanh':
      code.forward.push(`${out} = torch.tanh(${a})`);
      return code;
    case 'ReLU':
      code.forward.push(`${out} = torch.relu(${a})`);
      return code;
    case 'LeakyReLU':
      code.forward.push(`${out} = F.leaky_relu(${a}, ${pyFloat(Number(p.alpha))})`);
      return code;
    case 'Softmax':
      code.forward.push(`${out} = torch.softmax(${a}, dim=-1)`);
      return code;
    case 'Identity':
      code.forward.push(`${out} = ${a}`);
      return code;
    default:
      throw new ExportError(msg('exportError.kind', { node: id, kind: step.kind, target: 'PyTorch' }));
  }
}

function header(model: ExportModel, opts: ResolvedScriptOptions): string {
  const fused = model.loss.fused;
  return `#!/usr/bin/env python3
"""${docText(opts.projectName)}: a neural network exported from DeepWire as a PyTorch script.

The network, initialisers, loss, weight decay, optimiser and training settings are those of
the DeepWire project, and it trains on the samples DeepWire trains on (normalised and split
the same way), so its results compare with DeepWire's.

Run:
    python model.py
        one process, on the GPU when CUDA is available, else on the CPU.
    torchrun --nproc_per_node=4 model.py
        four processes on this machine, one per GPU (gloo between CPU processes).
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --master_port=29500 \\
             --nproc_per_node=4 model.py
        two machines with four processes each: run it on both, with --node_rank=1 on the
        second and HOST the first one's address. --batch-size is per process.

Files, beside this script:
    ${docText(opts.dataFile)}
        the samples: x (features, channels-last), y (${isClassification(model) ? 'class indices' : 'targets'}), and the row
        indices of the train, validation and test splits.${model.trained ? `
    ${docText(opts.weightsFile)}
        the weights trained in DeepWire; training starts from them.` : ''}

Options:
${optionsDoc(model, opts, true).join('\n')}

The network takes and gives tensors as DeepWire does: images are (batch, height, width,
channels); \`Model.forward\` returns the prediction and ${fused ? 'the logits the loss takes' : 'what the loss takes (the same tensor)'}.
The last line printed is "RESULT {json}" with the final metrics, for programs that run this.
Needs PyTorch only.
"""`;
}

const IMPORTS = `import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset`;

const SAFETENSORS = `# safetensors, the format of DeepWire's weight and data files: an 8-byte little-endian header
# length, a JSON header giving each tensor's dtype, shape and byte range, then the raw
# little-endian bytes. Read and written here so the script needs PyTorch only (on a
# little-endian machine, as every common one is).
SAFETENSORS_DTYPES = {'F32': torch.float32, 'F64': torch.float64,
                      'I32': torch.int32, 'I64': torch.int64}
STRUCT_CODES = {torch.float32: 'f', torch.float64: 'd', torch.int32: 'i', torch.int64: 'q'}


def load_safetensors(path):
    """The tensors of a safetensors file, by name."""
    with open(path, 'rb') as f:
        raw = bytearray(f.read())
    (length,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + length])
    tensors = {}
    for name, info in header.items():
        if name == '__metadata__':
            continue
        if info['dtype'] not in SAFETENSORS_DTYPES:
            sys.exit(f'{path}: tensor {name!r} is {info["dtype"]}; this script reads '
                     + ', '.join(SAFETENSORS_DTYPES))
        dtype = SAFETENSORS_DTYPES[info['dtype']]
        begin, end = info['data_offsets']
        chunk = raw[8 + length + begin:8 + length + end]
        values = torch.frombuffer(chunk, dtype=dtype) if chunk else torch.zeros(0, dtype=dtype)
        tensors[name] = values.reshape(info['shape'])
    return tensors


def save_safetensors(tensors, path):
    """Writes tensors (name -> tensor) as a safetensors file, widest dtype first, as the
    reference implementation orders them."""
    dtype_names = {dtype: name for name, dtype in SAFETENSORS_DTYPES.items()}
    tensors = {name: t.detach().cpu().contiguous() for name, t in tensors.items()}
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors, key=lambda n: (-tensors[n].element_size(), n)):
        tensor = tensors[name]
        if tensor.dtype not in STRUCT_CODES:
            tensor = tensor.float()
        chunk = struct.pack(f'<{tensor.numel()}{STRUCT_CODES[tensor.dtype]}',
                            *tensor.flatten().tolist())
        header[name] = {'dtype': dtype_names[tensor.dtype], 'shape': list(tensor.shape),
                        'data_offsets': [offset, offset + len(chunk)]}
        chunks.append(chunk)
        offset += len(chunk)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)`;

const STEP = `class StepFunction(torch.autograd.Function):
    """1 where x > 0, else 0, with DeepWire's gradient: zero, or passed straight through."""

    @staticmethod
    def forward(ctx, x, straight_through):
        ctx.straight_through = straight_through
        return (x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        return (grad if ctx.straight_through else torch.zeros_like(grad)), None


class Step(nn.Module):
    """DeepWire's Step activation. Its gradient is zero, so backprop cannot train the layers
    before it; trained by the perceptron rule (straight_through=True) the gradient passes
    through unchanged, which turns gradient descent on 0.5 * sum((y - t)^2) into Rosenblatt's
    w <- w + lr * (t - y) * x."""

    def __init__(self, straight_through=False):
        super().__init__()
        self.straight_through = straight_through

    def forward(self, x):
        return StepFunction.apply(x, self.straight_through)`;

const BATCH_NORM = `class BatchNorm(nn.Module):
    """DeepWire's BatchNorm, over the last axis (features, or the channels of a channels-last
    image, with statistics over batch and space). Training normalises with the batch's mean
    and biased variance and updates running = momentum * running + (1 - momentum) * batch;
    inference uses the running statistics. Written out rather than nn.BatchNorm1d/2d, which
    update the running variance with the unbiased variance (n / (n - 1) times larger), use
    the opposite momentum convention and refuse a batch of one sample."""

    def __init__(self, features, momentum, eps):
        super().__init__()
        self.momentum = momentum
        self.eps = eps
        self.gamma = nn.Parameter(torch.ones(features))
        self.beta = nn.Parameter(torch.zeros(features))
        self.register_buffer('running_mean', torch.zeros(features))
        self.register_buffer('running_var', torch.ones(features))

    def forward(self, x):
        if self.training:
            axes = tuple(range(x.dim() - 1))
            mean = x.mean(dim=axes)
            var = (x - mean).pow(2).mean(dim=axes)
            with torch.no_grad():
                self.running_mean.mul_(self.momentum).add_((1 - self.momentum) * mean)
                self.running_var.mul_(self.momentum).add_((1 - self.momentum) * var)
        else:
            mean, var = self.running_mean, self.running_var
        return (x - mean) / torch.sqrt(var + self.eps) * self.gamma + self.beta`;

const AVG_POOL_INSIDE = `def avg_pool_inside(x, size, stride, pads):
    """Average pooling of NCHW x padded unevenly (pads: left, right, top, bottom) that, as
    DeepWire does, averages only the cells inside the image."""
    total = F.avg_pool2d(F.pad(x, pads), size, stride=stride)
    inside = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), pads), size, stride=stride)
    return total / inside`;

function modelClass(model: ExportModel, names: PyNames): string {
  const v = (id: string) => (id === model.inputNode ? 'x' : names.get(id));
  const init: string[] = [];
  const forward: string[] = [];
  const weights: [string, string, string][] = [];
  for (const step of model.steps) {
    const code = stepCode(step, model, names, v);
    if (code.init.length) init.push(...stepComment(step, BODY), ...code.init);
    forward.push(...stepComment(step, BODY), ...code.forward);
    weights.push(...code.weights);
  }
  const prediction = v(model.predictionNode);
  const lossInput = v(model.lossInputNode);
  const fused = model.loss.fused;
  const regs = regularizedSteps(model);
  const penalty = regs.map(({ step, kind, lambda }) =>
    `${pyFloat(lambda)} * self.${names.get(step.nodeId)}.weight.${kind === 'l1' ? 'abs()' : 'pow(2)'}.sum()`);
  const lines = [
    'class Model(nn.Module):',
    `    """${docText(model.name)} as DeepWire defines it, layer by layer (node ids in the comments)."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...init.map((l) => `        ${l}`),
    '',
    '    def forward(self, x):',
    `        """x: ${docText(shapeOf(model))}. Returns (prediction, ${fused ? 'logits' : 'loss input'}): ${fused
      ? `the ${model.loss.kind === 'CrossEntropy' ? 'softmax' : 'sigmoid'} output,\n        and its input, from which the loss computes (fused, as in DeepWire).`
      : 'the loss takes the\n        prediction itself.'}"""`,
    ...forward.map((l) => `        ${l}`),
    `        return ${prediction}, ${lossInput}`,
  ];
  if (penalty.length) {
    lines.push('', '    def penalty(self):',
      '        """DeepWire\'s weight decay, added to the loss: lambda * sum(|W|) (L1) or',
      '        lambda * sum(W^2) (L2) over the kernels of the layers that set it, not the biases."""',
      `        return (${penalty.join('\n                + ')})`);
  }
  lines.push('', '    def load_deepwire(self, state):',
    '        """Copies in tensors by DeepWire\'s names and layouts (weights.safetensors, --save):',
    '        Dense kernels are [in, out] there, [out, in] here; Conv2D kernels [kh, kw, in, out]',
    '        there, [out, in, kh, kw] here."""',
    '        check_deepwire_state(state)');
  if (weights.length) lines.push('        with torch.no_grad():', ...weights.map(([, load]) => `            ${load}`));
  lines.push('', '    def deepwire_state(self):',
    '        """The weights by DeepWire\'s names and layouts, to save as weights.safetensors."""');
  if (weights.length) lines.push('        return {', ...weights.map(([name, , read]) => `            ${pyStr(name)}: ${read},`), '        }');
  else lines.push('        return {}');

  const shapes = [...weights.map(([name]) => `    ${pyStr(name)}: ${pyTuple(model.weights.get(name)!.shape)},`)];
  const check = `# Every tensor of the network by DeepWire's name, with its shape there.
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
                 + '; '.join(problems))`;
  return `${check}\n\n\n${lines.join('\n')}`;
}

function shapeOf(model: ExportModel): string {
  return `(${model.inputShape.map((d) => (d === null ? 'batch' : String(d))).join(', ')})${model.inputShape.length > 3 ? ', channels-last' : ''}`;
}

function lossCode(model: ExportModel): string {
  const layout = targetLayout(model);
  const targets = {
    indices: ['class indices', 'return y.long()'],
    oneHot: ['one-hot rows (MSE on several outputs)', `return F.one_hot(y.long(), ${outputUnits(model)}).to(torch.float32)`],
    column: ['a column of 0/1 (one output unit)', 'return y.to(torch.float32).reshape(-1, 1)'],
    values: ['the regression values', 'return y.to(torch.float32)'],
  }[layout];
  let loss: string;
  switch (model.loss.kind) {
    case 'CrossEntropy':
      loss = `def loss_fn(loss_input, target):
    """DeepWire's CrossEntropy: softmax cross-entropy computed from the logits${model.loss.fused ? ' (the final\n    Softmax fused into the loss, as DeepWire does)' : ' (DeepWire reads\n    its input as logits)'}, averaged over the batch."""
    return F.cross_entropy(loss_input, target)`;
      break;
    case 'BinaryCrossEntropy':
      loss = `def loss_fn(loss_input, target):
    """DeepWire's BinaryCrossEntropy, computed from the logits${model.loss.fused ? ' (the final Sigmoid fused\n    into the loss, as DeepWire does)' : ' (DeepWire reads its input as\n    logits even without a Sigmoid before the loss)'}, averaged over all elements."""
    return F.binary_cross_entropy_with_logits(loss_input, target)`;
      break;
    case 'MSE':
      loss = `def loss_fn(prediction, target):
    """DeepWire's MSE: 0.5 * sum over the outputs of (y - t)^2 per sample, averaged over the
    batch (nn.MSELoss averages over every element and has no 0.5)."""
    return 0.5 * (prediction - target).pow(2).sum() / prediction.shape[0]`;
      break;
    default:
      throw new ExportError(msg('exportError.loss', { node: model.loss.nodeId, kind: String(model.loss.kind), target: 'PyTorch' }));
  }
  const parts = [`def loss_targets(y):
    """The targets as the loss takes them: ${targets[0]}."""
    ${targets[1]}`, loss];
  if (isClassification(model)) {
    parts.push(outputUnits(model) === 1
      ? `def count_correct(prediction, y):
    """Samples classified correctly, as DeepWire counts them: one output, threshold 0.5."""
    return ((prediction[:, 0] > 0.5) == (y > 0.5)).sum()`
      : `def count_correct(prediction, y):
    """Samples classified correctly, as DeepWire counts them: the arg-max class (of ${classCount(model)})."""
    return (prediction.argmax(dim=-1) == y.long()).sum()`);
  }
  return parts.join('\n\n\n');
}

function optimizerCode(model: ExportModel): string {
  const p = model.optimizer.params;
  const f = (k: string) => pyFloat(Number(p[k]));
  switch (model.optimizer.kind) {
    case 'SGD':
      return `def make_optimizer(parameters, lr):
    """DeepWire's SGD: w <- w - lr * g."""
    return torch.optim.SGD(parameters, lr=lr)`;
    case 'Momentum':
      return `def make_optimizer(parameters, lr):
    """DeepWire's Momentum, v <- a * v - lr * g; w <- w + v. PyTorch writes it as
    b <- a * b + g; w <- w - lr * b, the same updates (v = -lr * b) at a constant lr."""
    return torch.optim.SGD(parameters, lr=lr, momentum=${f('momentum')})`;
    case 'AdaGrad':
      return `def make_optimizer(parameters, lr):
    """DeepWire's AdaGrad: h <- h + g^2 (from h = 0); w <- w - lr * g / (sqrt(h) + eps), as
    torch.optim.Adagrad with no learning-rate decay."""
    return torch.optim.Adagrad(parameters, lr=lr, eps=${f('epsilon')})`;
    case 'RMSProp':
      return `def make_optimizer(parameters, lr):
    """DeepWire's RMSProp: h <- rho * h + (1 - rho) * g^2; w <- w - lr * g / (sqrt(h) + eps),
    as torch.optim.RMSprop (alpha = rho)."""
    return torch.optim.RMSprop(parameters, lr=lr, alpha=${f('decay')}, eps=${f('epsilon')})`;
    case 'Adam':
      return `def make_optimizer(parameters, lr):
    """DeepWire's Adam: bias-corrected moments, w <- w - lr * m_hat / (sqrt(v_hat) + eps), as
    torch.optim.Adam."""
    return torch.optim.Adam(parameters, lr=lr, betas=(${f('beta1')}, ${f('beta2')}), eps=${f('epsilon')})`;
    case 'Perceptron':
      return `class Perceptron(torch.optim.SGD):
    """Rosenblatt's perceptron rule, w <- w + lr * (t - y) * x, as DeepWire trains it: plain
    gradient descent on the MSE loss while the Step units pass the gradient straight through
    (Step(straight_through=True) in the model). With batch size 1 it is the textbook online
    rule; with larger batches its average."""

    def __init__(self, parameters, lr):
        super().__init__(parameters, lr=lr)


def make_optimizer(parameters, lr):
    return Perceptron(parameters, lr=lr)`;
    default:
      throw new ExportError(msg('exportError.optimizer', { node: model.optimizer.nodeId, kind: model.optimizer.kind, target: 'PyTorch' }));
  }
}

function runCode(model: ExportModel): string {
  const classification = isClassification(model);
  const penalty = regularizedSteps(model).length > 0;
  return `def start_processes():
    """Joins torchrun's process group when there is one (WORLD_SIZE > 1): NCCL between GPUs,
    gloo between CPU processes. Returns (rank, number of processes, local rank)."""
    world = int(os.environ.get('WORLD_SIZE', '1'))
    if world == 1:
        return 0, 1, 0
    dist.init_process_group('nccl' if torch.cuda.is_available() else 'gloo')
    return dist.get_rank(), world, int(os.environ.get('LOCAL_RANK', '0'))


def load_data(path):
    """The samples as DeepWire trains on them: x, y and the row indices of each split."""
    if not os.path.exists(path):
        sys.exit(f'{path} not found: export the project from DeepWire again (the data file is '
                 'written beside the script), or give its place with --data PATH')
    data = load_safetensors(path)
    splits = {name: data[name].long() for name in ('train', 'validation', 'test')}
    return data['x'].to(torch.float32), data['y'], splits


def summarize(sums, world):
    """Mean loss${classification ? ' and accuracy' : ''} from the sums of every process, or None without samples."""
    if world > 1:
        dist.all_reduce(sums)
    loss_sum, correct, count = sums.tolist()
    if count == 0:
        return None
    return {'loss': loss_sum / count${classification ? ", 'accuracy': correct / count" : ''}}


def train_epoch(model, net, loader, optimizer, device, world):
    """One pass over the training samples; the metrics of all processes together."""
    model.train()
    sums = torch.zeros(3, dtype=torch.float64, device=device)  # loss * n, correct, n
    for x, y in loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        prediction, loss_input = model(x)
        loss = loss_fn(loss_input, loss_targets(y))
        optimizer.zero_grad()
        ${penalty ? '(loss + net.penalty()).backward()' : 'loss.backward()'}
        optimizer.step()
        with torch.no_grad():
            sums[0] += loss.double() * len(x)${classification ? `
            sums[1] += count_correct(prediction, y)` : ''}
            sums[2] += len(x)
    return summarize(sums, world)


@torch.no_grad()
def evaluate(net, x, y, rows, device, rank, world):
    """Mean loss${classification ? ' and accuracy' : ''} over the rows, in inference mode (without the weight
    decay, as DeepWire reports it). Each process takes every world-th row."""
    net.eval()
    rows = rows[rank::world]
    sums = torch.zeros(3, dtype=torch.float64, device=device)
    for start in range(0, len(rows), EVAL_BATCH):
        part = rows[start:start + EVAL_BATCH]
        xb, yb = x[part].to(device), y[part].to(device)
        prediction, loss_input = net(xb)
        sums[0] += loss_fn(loss_input, loss_targets(yb)).double() * len(part)${classification ? `
        sums[1] += count_correct(prediction, yb)` : ''}
        sums[2] += len(part)
    net.train()
    return summarize(sums, world)


@torch.no_grad()
def predict(net, source, target, device):
    """Writes the predictions${model.loss.fused ? ' (and the logits)' : ''} for the samples x of \`source\` to \`target\`."""
    x = load_safetensors(source)['x'].to(torch.float32)
    net.eval()
    outputs = [net(x[i:i + EVAL_BATCH].to(device)) for i in range(0, len(x), EVAL_BATCH)]
    result = {'prediction': torch.cat([p for p, _ in outputs])}${model.loss.fused ? `
    result['logits'] = torch.cat([z for _, z in outputs])` : ''}
    save_safetensors(result, target)


def describe(metrics):
    return '  '.join(f'{k} {v:.2%}' if k.endswith('accuracy') else f'{k} {v:.4f}'
                     for k, v in metrics.items())


def main():
    args = parse_args()
    rank, world, local_rank = start_processes()
    cuda = torch.cuda.is_available()
    device = torch.device('cuda', local_rank) if cuda else torch.device('cpu')
    if cuda:
        torch.cuda.set_device(device)
    torch.manual_seed(args.seed)
    net = Model().to(device)
    if args.weights:
        net.load_deepwire(load_safetensors(args.weights))
    if args.predict:
        if rank == 0:
            predict(net, args.predict[0], args.predict[1], device)
    else:
        run(args, net, device, rank, world, local_rank)
    if world > 1:
        dist.destroy_process_group()


def run(args, net, device, rank, world, local_rank):
    """Trains (unless --no-train), evaluates, saves; rank 0 prints."""
    x, y, splits = load_data(args.data)
    result = {'epochs': 0}
    if not args.no_train:
        model = net
        if world > 1:
            model = DistributedDataParallel(
                net, device_ids=[local_rank] if device.type == 'cuda' else None)
        train_set = TensorDataset(x[splits['train']], y[splits['train']])
        sampler = None
        if world > 1:
            sampler = DistributedSampler(train_set, num_replicas=world, rank=rank,
                                         shuffle=SHUFFLE, seed=args.seed)
        loader = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler,
                            shuffle=SHUFFLE and sampler is None,
                            generator=torch.Generator().manual_seed(args.seed),
                            pin_memory=device.type == 'cuda')
        optimizer = make_optimizer(net.parameters(), args.lr)
        if rank == 0:
            print(f'training on {len(train_set)} samples, {device}, {world} process(es)')
        for epoch in range(1, args.epochs + 1):
            if sampler is not None:
                sampler.set_epoch(epoch)
            metrics = train_epoch(model, net, loader, optimizer, device, world)
            if not math.isfinite(metrics['loss']):
                sys.exit(f'Training diverged at epoch {epoch}: the loss became '
                         f'{metrics["loss"]}. Lower the learning rate, use a gentler '
                         'initialiser, or normalise the data.')
            validation = evaluate(net, x, y, splits['validation'], device, rank, world)
            if validation:
                metrics.update({f'val_{k}': v for k, v in validation.items()})
            result = {'epochs': epoch, **metrics}
            if rank == 0:
                print(f'epoch {epoch:>{len(str(args.epochs))}}/{args.epochs}  {describe(metrics)}')
    else:
        validation = evaluate(net, x, y, splits['validation'], device, rank, world)
        if validation:
            result.update({f'val_{k}': v for k, v in validation.items()})
    test = evaluate(net, x, y, splits['test'], device, rank, world)
    if test:
        result.update({f'test_{k}': v for k, v in test.items()})
    if rank == 0:
        if test:
            print(f'test  {describe(test)}')
        if args.save:
            save_safetensors(net.deepwire_state(), args.save)
            print(f'saved the weights to {args.save}')
        print('RESULT ' + json.dumps(result))


if __name__ == '__main__':
    main()`;
}

/**
 * The PyTorch script for `model`: one runnable file that needs only PyTorch. It reads
 * `dataFile` (see exportData) and, when `model.trained`, starts from `weightsFile`, both beside it.
 *
 * @throws ExportError for a node kind, loss or optimiser the writer does not know.
 */
export function exportPytorch(model: ExportModel, options: ScriptOptions = {}): string {
  const opts = resolveOptions(model, options);
  const names = new PyNames(RESERVED);
  const d = trainingDefaults(model);
  const body = [
    scriptConstants(d.shuffle),
    SAFETENSORS,
  ];
  if (usesKind(model, 'Step')) body.push(STEP);
  if (usesKind(model, 'BatchNorm')) body.push(BATCH_NORM);
  const classDef = modelClass(model, names);
  if (classDef.includes('avg_pool_inside(')) body.push(AVG_POOL_INSIDE);
  body.push(classDef, lossCode(model), optimizerCode(model), argparseCode(model, opts, true).trimEnd(), runCode(model));
  const imports = body.some((section) => /\bF\./.test(section)) ? IMPORTS : IMPORTS.replace('import torch.nn.functional as F\n', '');
  return `${[`${header(model, opts)}\n${imports}`, ...body].join('\n\n\n')}\n`;
}
