/**
 * What the PyTorch and Keras writers share: Python literals, unique names for nodes, comments
 * that say which DeepWire node a line comes from, and the facts both scripts need from the
 * engine — how "same" padding splits, how the loss wants its targets, how accuracy is counted,
 * and the command-line options.
 */
import { conv2dGeometry, pool2dGeometry } from '../ops/conv';
import { formatSymShape, type SymShape } from '../graph/types';
import { identifier, type ExportModel, type ExportStep } from './model';

/** Options of `exportPytorch` / `exportKeras`. */
export interface ScriptOptions {
  /** The data file beside the script (default 'data.safetensors'). */
  dataFile?: string;
  /** The trained weights beside the script (default 'weights.safetensors'). */
  weightsFile?: string;
  /** Shown in the script's docstring (default: the model's name). */
  projectName?: string;
}

export interface ResolvedScriptOptions {
  readonly dataFile: string;
  readonly weightsFile: string;
  readonly projectName: string;
}

export function resolveOptions(model: ExportModel, options: ScriptOptions = {}): ResolvedScriptOptions {
  return {
    dataFile: options.dataFile ?? 'data.safetensors',
    weightsFile: options.weightsFile ?? 'weights.safetensors',
    projectName: options.projectName ?? model.name,
  };
}

// --- literals and text ---------------------------------------------------------------------------

/** A Python string literal in single quotes; any text is safe. */
export function pyStr(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A Python float literal: 1 → `1.0`, 0.001 → `0.001`, 1e-7 → `1e-7` (the shortest exact form). */
export function pyFloat(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`pyFloat: ${n} is not a finite number`);
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? n.toFixed(1) : String(n);
}

/** `True` / `False`. */
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** A Python tuple of integers: `(3,)`, `(4, 4, 3)`. */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/** Text safe on one comment line: control characters become spaces; long text is cut. */
export function oneLine(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Text safe inside a """docstring""" (one line; backslashes and quotes escaped). */
export function docText(text: string, max = 80): string {
  return oneLine(text, max).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

// --- names -----------------------------------------------------------------------------------------

const PY_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
];
/** Builtins a node id must not shadow (a local named `sum` would work, but reads badly). */
const PY_BUILTINS = [
  'abs', 'all', 'any', 'bool', 'bytes', 'callable', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'exit', 'filter',
  'float', 'format', 'getattr', 'hasattr', 'hash', 'help', 'id', 'input', 'int', 'isinstance', 'iter', 'len', 'list',
  'locals', 'map', 'max', 'min', 'next', 'object', 'open', 'pow', 'print', 'property', 'quit', 'range', 'repr',
  'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'str', 'sum', 'super', 'tuple', 'vars', 'zip',
];

/**
 * Unique Python identifiers for node ids: `hidden-1` → `hidden_1`; a clash with another node,
 * a keyword, a builtin or a name of the script gets a suffix (`x` → `x_2`).
 */
export class PyNames {
  private readonly used: Set<string>;
  private readonly byKey = new Map<string, string>();

  constructor(reserved: Iterable<string>) {
    this.used = new Set([...PY_KEYWORDS, ...PY_BUILTINS, ...reserved]);
  }

  get(key: string): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const base = identifier(key);
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    this.byKey.set(key, name);
    return name;
  }
}

// --- what a step is ------------------------------------------------------------------------------

/** The user's label of a step, when the export model carries one. */
function labelOf(step: ExportStep): string | undefined {
  const label = (step as { label?: unknown }).label;
  return typeof label === 'string' && label.trim() !== '' && label !== step.nodeId && label !== step.kind ? label : undefined;
}

const INIT_NAMES: Record<string, string> = {
  normal1: 'normal σ=1', normal001: 'normal σ=0.01', xavierNormal: 'Xavier normal', xavierUniform: 'Xavier uniform',
  heNormal: 'He normal', heUniform: 'He uniform', zeros: 'zeros',
};

/** A short description of a step's settings: "16 filters 3x3, stride 2, same". */
function stepDetails(step: ExportStep): string {
  const p = step.params;
  const reg = p.regularizer && p.regularizer !== 'none' ? `, ${String(p.regularizer).toUpperCase()} λ=${String(p.lambda)}` : '';
  switch (step.kind) {
    case 'Dense':
      return `${String(p.units)} units, ${INIT_NAMES[String(p.init)] ?? String(p.init)}${p.useBias === false ? ', no bias' : ''}${reg}`;
    case 'Conv2D': {
      const k = String(p.kernelSize);
      const stride = Number(p.stride) > 1 ? `, stride ${String(p.stride)}` : '';
      const dilation = Number(p.dilation) > 1 ? `, dilation ${String(p.dilation)}` : '';
      return `${String(p.filters)} filters ${k}x${k}${stride}${dilation}, ${String(p.padding)}, ${INIT_NAMES[String(p.init)] ?? String(p.init)}` +
        `${p.useBias === false ? ', no bias' : ''}${reg}`;
    }
    case 'MaxPool2D':
    case 'AvgPool2D':
      return `${String(p.poolSize)}x${String(p.poolSize)}, stride ${poolStride(step)}, ${String(p.padding)}`;
    case 'BatchNorm':
      return `momentum ${String(p.momentum)}, epsilon ${String(p.epsilon)}`;
    case 'Dropout':
      return `rate ${String(p.rate)}`;
    case 'LeakyReLU':
      return `alpha ${String(p.alpha)}`;
    default:
      return '';
  }
}

/** Longest line the writers aim for (PEP 8's limit for teams that agree on longer lines). */
export const LINE_WIDTH = 99;

/**
 * The comment above a step's code: node id, kind, the user's label, settings, output shape —
 * `# hidden: Dense "First layer", 4 units, He normal -> (batch, 4)` — on two lines when it
 * would not fit in LINE_WIDTH at `indent` columns.
 */
export function stepComment(step: ExportStep, indent: number): string[] {
  const label = labelOf(step);
  const details = stepDetails(step);
  const head = `# ${oneLine(step.nodeId)}: ${step.kind}${label ? ` "${oneLine(label, 60)}"` : ''}${details ? `, ${details}` : ''}`;
  const shape = `-> ${formatSymShape(step.outShape)}`;
  return indent + head.length + 1 + shape.length <= LINE_WIDTH ? [`${head} ${shape}`] : [head, `#   ${shape}`];
}

/**
 * `head(arg, arg, …)tail` on one line when it fits at `indent` columns, else with the
 * arguments packed onto continuation lines aligned with the opening parenthesis.
 */
export function wrapCall(head: string, args: readonly string[], tail: string, indent: number): string[] {
  const one = `${head}(${args.join(', ')})${tail}`;
  if (indent + one.length <= LINE_WIDTH || args.length < 2) return [one];
  const pad = ' '.repeat(head.length + 1);
  const lines: string[] = [];
  let line = `${head}(`;
  args.forEach((arg, i) => {
    const piece = i === args.length - 1 ? `${arg})${tail}` : `${arg},`;
    const fresh = line === `${head}(` || line === pad;
    if (!fresh && indent + line.length + 1 + piece.length > LINE_WIDTH) {
      lines.push(line);
      line = pad + piece;
    } else line += (fresh ? '' : ' ') + piece;
  });
  lines.push(line);
  return lines;
}

export const shapeText = (shape: SymShape): string => formatSymShape(shape);

/** The concrete sample shape of a symbolic shape (all but the batch axis). */
export function sampleDims(shape: SymShape): number[] {
  return shape.slice(1).map((d) => {
    if (d === null) throw new RangeError(`only the batch axis may be unknown, got ${formatSymShape(shape)}`);
    return d;
  });
}

// --- padding ---------------------------------------------------------------------------------------

/** Zero (or −∞) padding of the height and width axes, as the engine applies it. */
export interface Pads {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export const poolStride = (step: ExportStep): number => Number(step.params.stride) || Number(step.params.poolSize);

/** The padding after the input on one axis, from the geometry the engine computed. */
function after(size: number, out: number, stride: number, span: number, before: number): number {
  return Math.max(0, (out - 1) * stride + span - size - before);
}

/**
 * How the engine pads a Conv2D or pooling step (engine/ops/conv.ts): "same" pads
 * max((out − 1)·stride + span − size, 0) in all, the smaller half before — TensorFlow's split,
 * which PyTorch's padding='same' does not offer with strides.
 */
export function stepPads(step: ExportStep): Pads {
  const [h, w, c] = sampleDims(step.inShapes[0]);
  const p = step.params;
  if (step.kind === 'Conv2D') {
    const k = Number(p.kernelSize);
    const g = conv2dGeometry([1, h, w, c], [k, k, c, Number(p.filters)],
      { strides: Number(p.stride), padding: p.padding as 'valid' | 'same', dilation: Number(p.dilation) });
    const span = (k - 1) * Number(p.dilation) + 1;
    return { top: g.padTop, bottom: after(h, g.outH, g.strideH, span, g.padTop), left: g.padLeft, right: after(w, g.outW, g.strideW, span, g.padLeft) };
  }
  const k = Number(p.poolSize);
  const g = pool2dGeometry(step.kind, [1, h, w, c], { poolSize: k, strides: poolStride(step), padding: p.padding as 'valid' | 'same' });
  return { top: g.padTop, bottom: after(h, g.outH, g.strideH, k, g.padTop), left: g.padLeft, right: after(w, g.outW, g.strideW, k, g.padLeft) };
}

export const noPads = (p: Pads): boolean => p.top === 0 && p.bottom === 0 && p.left === 0 && p.right === 0;
export const symmetricPads = (p: Pads): boolean => p.top === p.bottom && p.left === p.right;

// --- loss and metrics ----------------------------------------------------------------------------

/** Units of the prediction (its last axis; losses take (batch, units)). */
export function outputUnits(model: ExportModel): number {
  const step = model.steps.find((s) => s.nodeId === model.predictionNode);
  const shape = step ? step.outShape : model.inputShape;
  const d = shape[shape.length - 1];
  if (typeof d !== 'number') throw new RangeError(`the prediction ${formatSymShape(shape)} has no fixed width`);
  return d;
}

/**
 * How the loss takes the targets, as the engine's Batcher lays them out: class indices
 * (CrossEntropy), one-hot rows (MSE on several outputs), a 0/1 column (one output) or the
 * regression values.
 */
export type TargetLayout = 'indices' | 'oneHot' | 'column' | 'values';

export function targetLayout(model: ExportModel): TargetLayout {
  if (model.target.task === 'regression') return 'values';
  if (model.loss.kind === 'CrossEntropy') return 'indices';
  return outputUnits(model) > 1 ? 'oneHot' : 'column';
}

export const isClassification = (model: ExportModel): boolean => model.target.task === 'classification';

/** The classes of a classification target (0 for regression). */
export const classCount = (model: ExportModel): number => (model.target.task === 'classification' ? model.target.classes : 0);

/** Whether any step is a Step activation (the scripts then define one). */
export const usesKind = (model: ExportModel, kind: string): boolean => model.steps.some((s) => s.kind === kind);

/** A step's weight decay on its kernel (λΣ|W| or λΣW²), or null. */
export function regularizerOf(step: ExportStep): { kind: 'l1' | 'l2'; lambda: number } | null {
  const { regularizer, lambda } = step.params;
  if ((step.kind !== 'Dense' && step.kind !== 'Conv2D') || (regularizer !== 'l1' && regularizer !== 'l2') || !(Number(lambda) > 0)) return null;
  return { kind: regularizer, lambda: Number(lambda) };
}

/** The steps whose kernels carry weight decay, with the kind and λ. */
export function regularizedSteps(model: ExportModel): { step: ExportStep; kind: 'l1' | 'l2'; lambda: number }[] {
  return model.steps.flatMap((step) => {
    const reg = regularizerOf(step);
    return reg ? [{ step, ...reg }] : [];
  });
}

// --- command line ----------------------------------------------------------------------------------

/** The defaults the script's options take from the project. */
/** The constants both scripts open with: where they are, shuffling, the evaluation batch. */
export function scriptConstants(shuffle: boolean): string {
  return `HERE = os.path.dirname(os.path.abspath(__file__))
SHUFFLE = ${pyBool(shuffle)}  # a new order of the training samples every epoch
EVAL_BATCH = 512  # samples per batch when evaluating or predicting`;
}

export function trainingDefaults(model: ExportModel): { epochs: number; batchSize: number; lr: number; seed: number; shuffle: boolean } {
  const t = model.training;
  return { epochs: t.epochs, batchSize: t.batchSize, lr: Number(model.optimizer.params.learningRate), seed: t.seed, shuffle: t.shuffle };
}

/** The "Options" part of the docstring; the same text as `--help`. */
export function optionsDoc(model: ExportModel, opts: ResolvedScriptOptions, perProcess: boolean): string[] {
  const d = trainingDefaults(model);
  const w = model.trained
    ? [`    --weights PATH    start from these weights (DeepWire's names); default: ${docText(opts.weightsFile)}`,
      "                      beside this script; 'none' starts from fresh ones"]
    : ["    --weights PATH    start from these weights (safetensors, DeepWire's names)"];
  return [
    `    --epochs N        epochs to train (default ${d.epochs})`,
    `    --batch-size N    samples per batch${perProcess ? ' and process' : ''} (default ${d.batchSize})`,
    `    --lr X            learning rate (default ${d.lr})`,
    `    --seed N          seed of initialisation, shuffling and dropout (default ${d.seed})`,
    `    --data PATH       the data (default: ${docText(opts.dataFile)} beside this script)`,
    ...w,
    '    --save PATH       write the trained weights there as safetensors with DeepWire\'s names,',
    '                      so they load back into DeepWire',
    '    --no-train        only evaluate (validation and test)',
    '    --predict IN OUT  write the predictions for the samples `x` in IN (a safetensors file,',
    '                      features normalised as in the data file) to OUT, and stop',
  ];
}

/** `parse_args()`: the options above with the project's defaults. */
export function argparseCode(model: ExportModel, opts: ResolvedScriptOptions, perProcess: boolean): string {
  const d = trainingDefaults(model);
  const weightsDefault = model.trained ? `os.path.join(HERE, ${pyStr(opts.weightsFile)})` : 'None';
  return `def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\\n\\n')[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--epochs', type=int, default=${d.epochs}, help='epochs to train')
    parser.add_argument('--batch-size', type=int, default=${d.batchSize},
                        help='samples per batch${perProcess ? ' and process' : ''}')
    parser.add_argument('--lr', type=float, default=${pyFloat(d.lr)}, help='learning rate')
    parser.add_argument('--seed', type=int, default=${d.seed},
                        help='seed of initialisation, shuffling and dropout')
    parser.add_argument('--data', default=os.path.join(HERE, ${pyStr(opts.dataFile)}),
                        help='the data file (safetensors)')
    parser.add_argument('--weights', default=${weightsDefault},
                        help="initial weights (safetensors, DeepWire's names); 'none': fresh ones")
    parser.add_argument('--save', metavar='PATH',
                        help="write the trained weights as safetensors with DeepWire's names")
    parser.add_argument('--no-train', action='store_true', help='only evaluate')
    parser.add_argument('--predict', nargs=2, metavar=('IN', 'OUT'),
                        help='write the predictions for x in IN to OUT (safetensors) and stop')
    args = parser.parse_args()
    if args.weights is not None and args.weights.lower() == 'none':
        args.weights = None
    return args
`;
}

/** Lines indented by `spaces`, blank lines left empty. */
export function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => (l.trim() === '' ? '' : pad + l)).join('\n');
}
