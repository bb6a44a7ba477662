/**
 * Where the file parsers get their bytes from, and what they share. A file arrives as a stream
 * of chunks (a Node stream, a browser `Blob.stream()`, or one Uint8Array cut into pieces), so a
 * 100 MB CSV never has to sit in memory as one string; formats that need the whole file at
 * once (IDX, an image folder's archive) call `readAll`.
 */
import { DatasetError } from '../Dataset';

/** Bytes of a file, read in chunks (a Node stream, a browser Blob.stream(), or one Uint8Array). */
export type ByteSource = AsyncIterable<Uint8Array>;

/** Progress callback: bytes consumed so far. */
export type OnBytes = (bytesRead: number) => void;

/**
 * A ByteSource over bytes already in memory (tests, data embedded in a project), cut into
 * `chunkSize`-byte pieces. It can be read any number of times; each read starts at the
 * beginning. The chunks are views of `bytes`, not copies.
 */
export function bytesSource(bytes: Uint8Array, chunkSize = 1 << 20): ByteSource {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new DatasetError(`bytesSource: chunkSize must be a positive integer, got ${chunkSize}`);
  }
  return {
    async *[Symbol.asyncIterator]() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
    },
  };
}

/** Every byte of a source as one array (the single chunk itself when there is only one). */
export async function readAll(source: ByteSource, onBytes?: OnBytes): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    chunks.push(chunk);
    total += chunk.length;
    onBytes?.(total);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const collator = new Intl.Collator('en', { numeric: true });

/**
 * The order in which the parsers list names a person chose (CSV category levels, image class
 * folders, image files): numbers inside names compare by value ('2' < '10', 'img9' < 'img10').
 * The collation locale is fixed, and names it calls equal ('01' and '1') fall back to code-point
 * order, so the same names sort the same way on every machine: class indices depend on it.
 */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Why a library call failed, as a value for a message: its message, or what it threw. */
export function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A name as it appears in messages: in single quotes. */
export function quote(name: string): string {
  return `'${name}'`;
}
