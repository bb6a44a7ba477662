import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../core/errors';
import { ProjectFileError } from './errors';
import { decodeSafetensors, encodeSafetensors, type AnyTensorData, type Int32TensorData, type TensorData } from './safetensors';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u64le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0];
/** A safetensors file from its parts, exactly as the spec lays it out. */
const file = (header: string, data: number[] = []) => Uint8Array.from([...u64le(header.length), ...ascii(header), ...data]);
const f32 = (shape: number[], values: number[]): TensorData => ({ dtype: 'float32', shape, data: Float32Array.from(values) });
const f64 = (shape: number[], values: number[]): TensorData => ({ dtype: 'float64', shape, data: Float64Array.from(values) });

/** 0, 1, 2, 3, 4, 5 as little-endian float32 bytes, written out by hand. */
const ZERO_TO_FIVE_F32 = [0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64];

describe('encodeSafetensors matches the reference implementation byte for byte', () => {
  // The expected files are those the reference implementation's own tests pin down
  // (huggingface/safetensors, tensor.rs: test_empty, test_serialization,
  // test_serialization_forced_alignement), written here from their header text.
  it('writes an empty file as {} padded to 8 bytes', () => {
    expect(encodeSafetensors(new Map())).toEqual(file('{}      '));
  });

  it('writes metadata first, padded with spaces', () => {
    expect(encodeSafetensors(new Map(), { framework: 'pt' })).toEqual(file('{"__metadata__":{"framework":"pt"}}     '));
  });

  it('needs no padding when the header is already a multiple of 8', () => {
    const bytes = encodeSafetensors(new Map([['attn.0', f32([1, 2, 3], [0, 1, 2, 3, 4, 5])]]));
    expect(bytes).toEqual(file('{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}', ZERO_TO_FIVE_F32));
  });

  it('pads the header so the data starts 8-byte aligned', () => {
    const bytes = encodeSafetensors(new Map([['attn0', f32([1, 1, 2, 3], [0, 1, 2, 3, 4, 5])]]));
    expect(bytes).toEqual(file('{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ', ZERO_TO_FIVE_F32));
  });

  it('orders tensors widest dtype first, then by name, whatever the map order', () => {
    const bytes = encodeSafetensors(
      new Map([
        ['b', f32([1], [0.5])],
        ['z', f64([1], [1])],
        ['a', f32([], [2])],
      ]),
    );
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    expect(header.trimEnd()).toBe(
      '{"z":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[],"data_offsets":[8,12]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}',
    );
  });
});

describe('decodeSafetensors', () => {
  it('decodes a file built by hand from the spec, in any header order, with metadata', () => {
    // -2.5 and 1.0 as float64, 0.5 as float32, little-endian; header keys not in offset order.
    const data = [0, 0, 0, 0, 0, 0, 4, 192, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 63];
    const header =
      '{"w":{"dtype":"F32","shape":[1],"data_offsets":[16,20]},"__metadata__":{"format":"pt"},"v":{"data_offsets":[0,16],"shape":[2],"dtype":"F64"}}';
    const { tensors, metadata } = decodeSafetensors(file(header, data));
    expect(metadata).toEqual({ format: 'pt' });
    expect([...tensors.keys()]).toEqual(['v', 'w']);
    expect(tensors.get('v')).toEqual(f64([2], [-2.5, 1]));
    expect(tensors.get('w')).toEqual(f32([1], [0.5]));
  });

  it('reads files whose header is not padded (older writers)', () => {
    const { tensors } = decodeSafetensors(file('{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', [0, 0, 128, 63]));
    expect(tensors.get('x')).toEqual(f32([], [1]));
  });

  it('copies data out, so an unaligned buffer is fine', () => {
    const bytes = encodeSafetensors(new Map([['x', f64([3], [1, 2, 3])]]));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const decoded = decodeSafetensors(shifted.subarray(1)).tensors.get('x')!;
    expect(decoded).toEqual(f64([3], [1, 2, 3]));
    expect(decoded.data.buffer).not.toBe(shifted.buffer);
  });

  it('round-trips float64, 0-D, empty and special values bit for bit', () => {
    const tensors = new Map<string, TensorData>([
      ['scalar', f64([], [Math.PI])],
      ['empty', f32([0], [])],
      ['empty2d', f64([2, 0], [])],
      ['special', f32([2, 2], [Number.NaN, -0, Infinity, -Infinity])],
      ['tiny', f64([1], [Number.MIN_VALUE])],
    ]);
    const decoded = decodeSafetensors(encodeSafetensors(tensors)).tensors;
    expect(decoded).toEqual(tensors);
    expect(Object.is(decoded.get('special')!.data[1], -0)).toBe(true);
  });

  it('round-trips any set of tensors', () => {
    const tensor = fc
      .array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 })
      .chain((shape) => {
        const size = shape.reduce((a, b) => a * b, 1);
        return fc.oneof(
          fc.array(fc.float(), { minLength: size, maxLength: size }).map((v) => f32(shape, v)),
          fc.array(fc.double(), { minLength: size, maxLength: size }).map((v) => f64(shape, v)),
        );
      });
    const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !['__metadata__', '__proto__', 'constructor', 'prototype'].includes(s));
    fc.assert(
      fc.property(fc.dictionary(name, tensor, { maxKeys: 6 }), (record) => {
        const tensors = new Map(Object.entries(record));
        const bytes = encodeSafetensors(tensors);
        expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
        const decoded = decodeSafetensors(bytes).tensors;
        expect(new Map([...decoded].sort())).toEqual(new Map([...tensors].sort()));
      }),
      { numRuns: 100 },
    );
  });
});

describe('decodeSafetensors refuses malformed files, naming the tensor', () => {
  const T = (json: string) => `{"t":${json}}`;
  const cases: [string, Uint8Array, RegExp, string?][] = [
    ['a file shorter than 8 bytes', Uint8Array.from([1, 2, 3]), /too short/],
    ['a header length past the end', Uint8Array.from([...u64le(500), ...ascii('{}')]), /claims 500 bytes, but only 2 follow/],
    ['a header that is not JSON', file('{"t":'), /not valid JSON/],
    ['a header not starting with {', file('[1,2,3] '), /does not start with "\{"/],
    ['a header that is not UTF-8', Uint8Array.from([...u64le(4), 0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
    ['an unknown dtype', file(T('{"dtype":"Q9","shape":[1],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /"t" has the unknown dtype "Q9"/, 't'],
    ['a dtype DeepWire cannot load', file(T('{"dtype":"F16","shape":[2],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /"t" is stored as F16/, 't'],
    ['a dtype that names a prototype member', file(T('{"dtype":"toString","shape":[1],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /unknown dtype/, 't'],
    ['a negative dimension', file(T('{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /"t" has the shape \[-1\]/, 't'],
    ['a fractional dimension', file(T('{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /shape \[1.5\]/, 't'],
    ['offsets that are not a pair', file(T('{"dtype":"F32","shape":[1],"data_offsets":[0]}'), [0, 0, 0, 0]), /data_offsets \[0\]/, 't'],
    ['a shape that does not match the bytes', file(T('{"dtype":"F32","shape":[2],"data_offsets":[0,4]}'), [0, 0, 0, 0]), /needs 8 bytes, but its offsets span 4/, 't'],
    ['a shape that would overflow', file(T('{"dtype":"F64","shape":[4503599627370496,4503599627370496],"data_offsets":[0,8]}'), [0, 0, 0, 0, 0, 0, 0, 0]), /needs more than the 8 bytes present/, 't'],
    ['offsets past the data', file(T('{"dtype":"F32","shape":[2],"data_offsets":[0,8]}'), [0, 0, 0, 0]), /claims bytes 0 to 8, but the data region is 4/, 't'],
    ['begin after end', file(T('{"dtype":"F32","shape":[0],"data_offsets":[4,0]}'), [0, 0, 0, 0]), /claims bytes 4 to 0/, 't'],
    [
      'overlapping tensors',
      file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]),
      /"b" starts at byte 4, inside the previous tensor/,
      'b',
    ],
    [
      'a gap between tensors',
      file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}', new Array(12).fill(0)),
      /"b" starts at byte 8, leaving a gap after byte 4/,
      'b',
    ],
    ['bytes after the last tensor', file(T('{"dtype":"F32","shape":[1],"data_offsets":[0,4]}'), new Array(8).fill(0)), /cover 4 bytes of data, but the file holds 8/],
    ['a tensor that is not an object', file(T('[1,2]')), /"t" is not described by an object/, 't'],
    ['non-string metadata', file('{"__metadata__":{"epochs":3}}'), /"epochs" is not a string/],
    ['a header that is a list', file('{}').fill(0x5b, 8, 9), /does not start with/],
  ];
  it.each(cases)('%s', (_name, bytes, message, tensor) => {
    let caught: unknown;
    try {
      decodeSafetensors(bytes);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProjectFileError);
    const error = caught as ProjectFileError;
    expect(error.reason).toBe('bad-weights');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^weights\.safetensors/);
    if (tensor) expect(error.tensor).toBe(tensor);
  });

  it('refuses a header over the cap as too large, before reading it', () => {
    const bytes = Uint8Array.from([...u64le(200_000_000), ...ascii('{}')]);
    expect(() => decodeSafetensors(bytes)).toThrow(expect.objectContaining({ reason: 'too-large' }));
  });

  it('refuses a data region over the cap as too large', () => {
    const bytes = encodeSafetensors(new Map([['x', f32([100], new Array(100).fill(1))]]));
    expect(() => decodeSafetensors(bytes, { maxDataBytes: 399 })).toThrow(expect.objectContaining({ reason: 'too-large' }));
    expect(decodeSafetensors(bytes, { maxDataBytes: 400 }).tensors.size).toBe(1);
  });

  it('refuses __proto__ in the header and leaves Object.prototype clean', () => {
    for (const header of [
      '{"__proto__":{"polluted":true}}',
      '{"__metadata__":{"__proto__":{"polluted":"yes"}}}',
      '{"t":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"constructor":{"prototype":{"polluted":1}}}}',
    ]) {
      expect(() => decodeSafetensors(file(header))).toThrow(/reserved key "(__proto__|constructor)"/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('never throws anything but ProjectFileError, whatever the bytes', () => {
    const valid = encodeSafetensors(new Map([['a', f32([2], [1, 2])], ['b', f64([1], [3])]]), { format: 'pt' });
    const mutated = fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length)).map(([at, value, cut]) => {
      const copy = valid.slice(0, Math.max(cut, at + 1));
      copy[at] = value;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
        try {
          decodeSafetensors(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(ProjectFileError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('int32 tensors (the data files of exported scripts)', () => {
  const i32 = (shape: number[], values: number[]): Int32TensorData => ({ dtype: 'int32', shape, data: Int32Array.from(values) });

  it('writes I32 with the reference layout: sorted with the 4-byte dtypes by name, little-endian', () => {
    const bytes = encodeSafetensors(new Map<string, AnyTensorData>([['y', i32([2], [1, -2])], ['x', f32([1], [1])], ['w', f64([], [0])]]));
    const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + length)).trimEnd();
    expect(header).toBe('{"w":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"x":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},' +
      '"y":{"dtype":"I32","shape":[2],"data_offsets":[12,20]}}');
    expect([...bytes.subarray(8 + length + 12)]).toEqual([1, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff]);
  });

  it('reads I32 back only when asked, and refuses it in weights as before', () => {
    const tensors = new Map<string, AnyTensorData>([['rows', i32([2, 2], [0, 2147483647, -2147483648, 7])], ['x', f32([1], [0.5])], ['none', i32([0], [])]]);
    const bytes = encodeSafetensors(tensors);
    expect(new Map([...decodeSafetensors(bytes, { int32: true }).tensors].sort())).toEqual(new Map([...tensors].sort()));
    expect(() => decodeSafetensors(bytes)).toThrow(/"none" is stored as I32; DeepWire reads F32 and F64 weights only/);
  });

  it('refuses an Int32Array that claims to be float', () => {
    const wrong = { dtype: 'float32', shape: [1], data: Int32Array.of(1) } as unknown as TensorData;
    expect(() => encodeSafetensors(new Map([['t', wrong]]))).toThrow(/says dtype 'float32' but holds a Int32Array/);
  });
});

describe('encodeSafetensors refuses tensors it cannot write faithfully', () => {
  it.each([
    ['a shape that does not match the data', f32([2, 2], [1, 2, 3]), /shape \(2, 2\) \(4 values\) but 3 values/],
    ['a negative dimension', f32([-1], []), /shape \[-1\]/],
    ['data of the wrong type', { dtype: 'float64', shape: [1], data: Float32Array.of(1) } as unknown as TensorData, /says dtype 'float64' but holds a Float32Array/],
  ])('%s', (_name, tensor, message) => {
    expect(() => encodeSafetensors(new Map([['t', tensor]]))).toThrow(ArgumentError);
    expect(() => encodeSafetensors(new Map([['t', tensor]]))).toThrow(message);
  });

  it('refuses reserved names', () => {
    for (const name of ['__metadata__', '__proto__']) {
      expect(() => encodeSafetensors(new Map([[name, f32([], [1])]]))).toThrow(/reserved/);
    }
  });
});
