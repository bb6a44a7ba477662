/**
 * The safetensors format (Hugging Face), so that trained weights open directly in PyTorch:
 *
 *   8 bytes   N, the header length, unsigned 64-bit little-endian
 *   N bytes   a UTF-8 JSON header: {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ...,
 *             optionally "__metadata__": {string: string}}, padded with spaces so that the
 *             data starts 8-byte aligned
 *   the rest  the tensors' raw little-endian bytes, C order, back to back
 *
 * Offsets are relative to the start of the data. Encoding follows the reference
 * implementation byte for byte (tensors sorted by dtype, widest first, then by name; compact
 * JSON; space padding). Decoding trusts nothing: every length, offset and shape is checked
 * against the bytes present before any data is copied.
 */
import { ArgumentError, formatShape } from '../core/errors';
import type { DType } from '../core/dtype';
import { strToU8 } from 'fflate';
import { msg, type Message, type MessageVar } from '../i18n/message';
import { ProjectFileError, bytesValue, quoteName } from './errors';
import { FORBIDDEN_KEYS, parseJsonSafely } from './json';

/** One tensor as the file layer sees it: a dtype, a shape and a typed array in C order. */
export type TensorData =
  | { dtype: 'float32'; shape: number[]; data: Float32Array }
  | { dtype: 'float64'; shape: number[]; data: Float64Array };

/**
 * An int32 tensor (row indices, class labels — the data files of exported scripts). Always
 * written as I32; read only when the caller asks for it (`{ int32: true }`), since weights are
 * never integers.
 */
export type Int32TensorData = { dtype: 'int32'; shape: number[]; data: Int32Array };

/** Any tensor DeepWire writes. */
export type AnyTensorData = TensorData | Int32TensorData;

/** Limits for decoding; the defaults suit any model DeepWire can train. */
export interface SafetensorsLimits {
  /** Largest JSON header accepted. The reference implementation's limit is 100 MB. */
  maxHeaderBytes?: number;
  /** Largest tensor data region accepted. */
  maxDataBytes?: number;
}

export const DEFAULT_SAFETENSORS_LIMITS: Required<SafetensorsLimits> = {
  maxHeaderBytes: 100_000_000,
  maxDataBytes: 1024 ** 3,
};

/** The reserved header key for free-form string metadata. */
const METADATA_KEY = '__metadata__';

/** Options of `decodeSafetensors`: the limits, and whether I32 tensors are accepted. */
export interface SafetensorsDecodeOptions extends SafetensorsLimits {
  /** Accept I32 tensors (decoded as Int32Array). Default false: weights files hold floats only. */
  int32?: boolean;
}

type TensorDType = DType | 'int32';

/** The dtypes DeepWire reads and writes, by their safetensors names. */
const DTYPES: Record<string, { dtype: TensorDType; itemSize: number }> = {
  F32: { dtype: 'float32', itemSize: 4 },
  F64: { dtype: 'float64', itemSize: 8 },
  I32: { dtype: 'int32', itemSize: 4 },
};
const SAFETENSORS_NAME: Record<TensorDType, string> = { float32: 'F32', float64: 'F64', int32: 'I32' };
const ARRAY_TAG: Record<TensorDType, string> = { float32: 'Float32Array', float64: 'Float64Array', int32: 'Int32Array' };

/** The rest of the reference implementation's dtypes: valid files DeepWire cannot load. */
const OTHER_KNOWN_DTYPES = new Set([
  'BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'F8_E8M0', 'F4', 'F6_E2M3', 'F6_E3M2',
  'I16', 'U16', 'F16', 'BF16', 'U32', 'I64', 'U64', 'C64',
]);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes tensors (and optional string metadata) as a safetensors file. Throws ArgumentError
 * when a tensor's shape does not match its data, or a name is reserved.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, AnyTensorData>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const entries = [...tensors].map(([name, tensor]) => {
    checkTensorForEncoding(name, tensor);
    return { name, key: strToU8(name), tensor, itemSize: tensor.data.BYTES_PER_ELEMENT };
  });
  // The reference sorts by dtype, widest alignment first, then by name (bytewise UTF-8).
  entries.sort((a, b) => b.itemSize - a.itemSize || compareBytes(a.key, b.key));

  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) {
    const sorted: Record<string, string> = {};
    for (const key of Object.keys(metadata).sort()) {
      if (FORBIDDEN_KEYS.has(key)) throw new ArgumentError(`safetensors metadata may not use the key ${quoteName(key)}.`);
      sorted[key] = String(metadata[key]);
    }
    header[METADATA_KEY] = sorted;
  }
  let offset = 0;
  for (const { name, tensor } of entries) {
    const begin = offset;
    offset += tensor.data.byteLength;
    header[name] = { dtype: SAFETENSORS_NAME[tensor.dtype], shape: tensor.shape, data_offsets: [begin, offset] };
  }
  const json = strToU8(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;

  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + padded);
  let at = 8 + padded;
  for (const { tensor } of entries) {
    writeLittleEndian(tensor.data, out, at);
    at += tensor.data.byteLength;
  }
  return out;
}

/** The decoded file: tensors in file order, and the metadata strings (empty when absent). */
export interface DecodedSafetensors<T extends AnyTensorData = TensorData> {
  tensors: Map<string, T>;
  metadata: Record<string, string>;
}

/**
 * Decodes a safetensors file, validating it against the bytes present. Throws a
 * ProjectFileError with reason `bad-weights` (or `too-large`) naming the tensor at fault.
 * F32 and F64 tensors are read; I32 ones too with `{ int32: true }`.
 */
export function decodeSafetensors(bytes: Uint8Array, options?: SafetensorsLimits & { int32?: false }): DecodedSafetensors;
export function decodeSafetensors(bytes: Uint8Array, options: SafetensorsDecodeOptions): DecodedSafetensors<AnyTensorData>;
export function decodeSafetensors(bytes: Uint8Array, options: SafetensorsDecodeOptions = {}): DecodedSafetensors<AnyTensorData> {
  const { maxHeaderBytes, maxDataBytes } = { ...DEFAULT_SAFETENSORS_LIMITS, ...options };
  const int32 = options.int32 === true;
  const fail: Fail = (problem, tensor) => new ProjectFileError('bad-weights', msg('project.weights.bad', { entry: ENTRY, problem }), { entry: ENTRY, tensor });

  if (bytes.length < 8) throw fail(msg('project.weights.tooShort', { length: bytes.length }));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) {
    throw new ProjectFileError(
      'too-large',
      msg('project.weights.headerTooLarge', { entry: ENTRY, claimed: String(declared), max: bytesValue(maxHeaderBytes) }),
      { entry: ENTRY },
    );
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw fail(msg('project.weights.headerPastEnd', { claimed: headerLength, present: bytes.length - 8 }));
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  if (dataLength > maxDataBytes) {
    throw new ProjectFileError(
      'too-large',
      msg('project.weights.dataTooLarge', { entry: ENTRY, size: bytesValue(dataLength), max: bytesValue(maxDataBytes) }),
      { entry: ENTRY },
    );
  }
  const headerBytes = bytes.subarray(8, dataStart);
  if (headerBytes[0] !== 0x7b /* { */) throw fail(msg('project.weights.notBrace', { brace: '{' }));
  const header = parseJsonSafely(headerBytes, msg('project.weights.header', { entry: ENTRY }), 'bad-weights');
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw fail(msg('project.weights.notObject'));
  }

  const metadata = readMetadata((header as Record<string, unknown>)[METADATA_KEY], fail);
  const infos: { name: string; dtype: TensorDType; itemSize: number; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === METADATA_KEY) continue;
    infos.push({ name, ...readTensorInfo(name, raw, dataLength, int32, fail) });
  }

  // Sorted by offsets, the tensors must tile the data region exactly: no gaps, no overlap,
  // nothing after the last one (the reference's MetadataIncompleteBuffer check).
  infos.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const info of infos) {
    if (info.begin !== expected) {
      const where = { tensor: quoteName(info.name), begin: info.begin, end: expected };
      throw fail(msg(info.begin < expected ? 'project.weights.overlap' : 'project.weights.gap', where), info.name);
    }
    expected = info.end;
  }
  if (expected !== dataLength) {
    throw fail(msg('project.weights.coverage', { expected, actual: dataLength }));
  }

  const tensors = new Map<string, AnyTensorData>();
  for (const info of infos) {
    const source = bytes.subarray(dataStart + info.begin, dataStart + info.end);
    tensors.set(info.name, readTensor(info.dtype, info.shape, source));
  }
  return { tensors, metadata };
}

const ENTRY = 'weights.safetensors';

/** The `bad-weights` error for a `project.weights.*` problem (about `tensor`, when one is at fault). */
type Fail = (problem: Message, tensor?: string) => ProjectFileError;

function readMetadata(raw: unknown, fail: Fail): Record<string, string> {
  // Forbidden keys were refused while parsing, so plain assignment is safe here.
  const metadata: Record<string, string> = {};
  if (raw === undefined) return metadata;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw fail(msg('project.weights.metadataNotObject'));
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw fail(msg('project.weights.metadataNotString', { key: quoteName(key) }));
    metadata[key] = value;
  }
  return metadata;
}

function readTensorInfo(name: string, raw: unknown, dataLength: number, int32: boolean, fail: Fail) {
  const tensor = quoteName(name);
  const problem = (key: Parameters<typeof msg>[0], vars: Record<string, MessageVar> = {}) => fail(msg(key, { tensor, ...vars }), name);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw problem('project.weights.tensorNotObject');
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string') throw problem('project.weights.noDtype');
  const known = DTYPES[dtype];
  if (!Object.hasOwn(DTYPES, dtype) || !known || (known.dtype === 'int32' && !int32)) {
    throw OTHER_KNOWN_DTYPES.has(dtype) || dtype === 'I32'
      ? problem('project.weights.dtypeUnsupported', { dtype })
      : problem('project.weights.dtypeUnknown', { dtype: quoteName(dtype) });
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw problem('project.weights.badShape', { shape: String(JSON.stringify(shape)) });
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw problem('project.weights.badOffsets', { offsets: String(JSON.stringify(offsets)) });
  }
  const [begin, end] = offsets as number[];
  if (begin > end || end > dataLength) {
    throw problem('project.weights.offsetsOutside', { begin, end, length: dataLength });
  }
  // With no zero dimension the running product only grows, so a final value within the safe
  // integer range means every step was exact; past it, the count is only known to be too big.
  const needed = shape.includes(0) ? 0 : (shape as number[]).reduce((a, b) => a * b, known.itemSize);
  if (needed !== end - begin) {
    const size = needed > Number.MAX_SAFE_INTEGER ? msg('project.weights.needsMore', { count: dataLength }) : msg('project.bytes', { count: needed });
    throw problem('project.weights.sizeMismatch', { shape: formatShape(shape as number[]), dtype, size, span: end - begin });
  }
  return { dtype: known.dtype, itemSize: known.itemSize, shape: [...(shape as number[])], begin, end };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Copies little-endian bytes into a fresh typed array, so alignment of `source` never matters. */
function readTensor(dtype: TensorDType, shape: number[], source: Uint8Array): AnyTensorData {
  if (dtype === 'int32') {
    const data = new Int32Array(source.length / 4);
    if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(source);
    else {
      const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
      for (let i = 0; i < data.length; i++) data[i] = view.getInt32(i * 4, true);
    }
    return { dtype, shape, data };
  }
  if (dtype === 'float64') {
    const data = new Float64Array(source.length / 8);
    if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(source);
    else {
      const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat64(i * 8, true);
    }
    return { dtype, shape, data };
  }
  const data = new Float32Array(source.length / 4);
  if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(source);
  else {
    const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
    for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
  }
  return { dtype, shape, data };
}

function writeLittleEndian(data: Float32Array | Float64Array | Int32Array, out: Uint8Array, at: number): void {
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + at, data.byteLength);
  if (data instanceof Int32Array) for (let i = 0; i < data.length; i++) view.setInt32(i * 4, data[i], true);
  else if (data.BYTES_PER_ELEMENT === 8) for (let i = 0; i < data.length; i++) view.setFloat64(i * 8, data[i], true);
  else for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
}

function checkTensorForEncoding(name: string, tensor: AnyTensorData): void {
  const where = `Tensor ${quoteName(name)}`;
  if (name === METADATA_KEY || FORBIDDEN_KEYS.has(name)) throw new ArgumentError(`${where}: that name is reserved in safetensors files; rename the tensor.`);
  // By tag, not instanceof: the array may come from another realm (a worker).
  const tag = Object.prototype.toString.call(tensor.data).slice(8, -1);
  if (!Object.hasOwn(ARRAY_TAG, tensor.dtype) || tag !== ARRAY_TAG[tensor.dtype]) {
    throw new ArgumentError(`${where} says dtype '${tensor.dtype}' but holds a ${tag}.`);
  }
  if (!tensor.shape.every(isCount)) {
    throw new ArgumentError(`${where} has the shape ${JSON.stringify(tensor.shape)}; use whole numbers >= 0.`);
  }
  const size = tensor.shape.reduce((a, b) => a * b, 1);
  if (size !== tensor.data.length) {
    throw new ArgumentError(`${where} has shape ${formatShape(tensor.shape)} (${size} values) but ${tensor.data.length} values of data.`);
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
