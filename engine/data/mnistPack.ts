/**
 * MNIST's digits packed for hosts that fetch rather than read files (the browser build and the
 * desktop app's engine window): the `mnist` package's 21 MB of JSON become about 1.5 MB.
 *
 * The JSON holds at most 256 distinct grey values (bytes/255 rounded to 3 decimals), so each
 * pixel is stored as a one-byte index into a table of those exact values: unpacking gives the
 * very numbers the Node host reads, and a run trains the same in the CLI and in the app.
 *
 * Layout (little-endian, then gzip): "DWMNIST1", uint32 table size L, L float32 values,
 * 10 uint32 row counts (digits 0…9), then every digit's rows as table indices, 784 per row.
 */
import { gunzipSync, gzipSync } from 'fflate';
import { DatasetError } from './Dataset';
import { MNIST_PIXELS, type MnistRaw } from './mnist';

const MAGIC = 'DWMNIST1';

/** Packs raw digits; throws when they hold more than 256 distinct values. */
export function packMnist(raw: MnistRaw): Uint8Array {
  const table: number[] = [];
  const index = new Map<number, number>();
  for (const digit of raw.digits) {
    for (let i = 0; i < digit.length; i++) {
      const v = Math.fround(digit[i]);
      if (!index.has(v)) {
        if (table.length === 256) throw new DatasetError('MNIST pack: the digits hold more than 256 distinct grey values');
        index.set(v, table.length);
        table.push(v);
      }
    }
  }
  const pixels = raw.digits.reduce((n, d) => n + d.length, 0);
  const header = 8 + 4 + table.length * 4 + 40;
  const bytes = new Uint8Array(header + pixels);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = MAGIC.charCodeAt(i);
  view.setUint32(8, table.length, true);
  table.forEach((v, i) => view.setFloat32(12 + i * 4, v, true));
  let at = 12 + table.length * 4;
  for (let d = 0; d < 10; d++) {
    view.setUint32(at, raw.digits[d].length / MNIST_PIXELS, true);
    at += 4;
  }
  for (const digit of raw.digits) {
    for (let i = 0; i < digit.length; i++) bytes[at++] = index.get(Math.fround(digit[i]))!;
  }
  return gzipSync(bytes, { level: 9 });
}

/** Unpacks what `packMnist` wrote; a damaged file gives a DatasetError saying what is wrong. */
export function unpackMnist(packed: Uint8Array): MnistRaw {
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(packed);
  } catch (e) {
    throw new DatasetError(`Dataset 'mnist': the packed digits are damaged (${(e as Error).message})`);
  }
  const fail = (what: string): never => {
    throw new DatasetError(`Dataset 'mnist': the packed digits are damaged: ${what}`);
  };
  if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 8)) !== MAGIC) fail(`they do not start with '${MAGIC}'`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const levels = view.getUint32(8, true);
  if (levels < 1 || levels > 256) fail(`${levels} grey levels (1…256 expected)`);
  let at = 12;
  if (bytes.length < at + levels * 4 + 40) fail('the header is cut short');
  const table = new Float32Array(levels);
  for (let i = 0; i < levels; i++) table[i] = view.getFloat32(at + i * 4, true);
  at += levels * 4;
  const rows: number[] = [];
  for (let d = 0; d < 10; d++, at += 4) rows.push(view.getUint32(at, true));
  const pixels = rows.reduce((n, r) => n + r * MNIST_PIXELS, 0);
  if (bytes.length !== at + pixels) fail(`${bytes.length - at} pixel bytes for ${pixels} pixels`);
  const digits = rows.map((r) => {
    const out = new Float32Array(r * MNIST_PIXELS);
    for (let i = 0; i < out.length; i++) {
      const k = bytes[at++];
      if (k >= levels) fail(`grey level ${k} at byte ${at - 1} is outside the table of ${levels}`);
      out[i] = table[k];
    }
    return out;
  });
  return { digits };
}
