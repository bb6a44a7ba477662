/**
 * The ZIP container, read defensively. fflate writes archives and inflates data; reading
 * the directory is done here so that nothing is trusted before it is checked: the entry
 * count is capped before the directory is walked, every offset is checked against the bytes
 * present, an entry is inflated only after its declared size passed the caller's cap, the
 * inflater is stopped as soon as it produces more than declared (a zip bomb cannot make it
 * work longer than that), and every entry's CRC-32 is verified, so a damaged file is reported
 * instead of loading wrong numbers. Only what DeepWire writes is read: one disk, no ZIP64, no
 * encryption, stored or deflated entries.
 */
import { Inflate, strFromU8, zipSync, type Zippable } from 'fflate';
import { msg, type Message } from '../i18n/message';
import { ProjectFileError, bytesValue, quoteName, type ProjectFileErrorDetails } from './errors';

/** One entry of the central directory. Sizes are as declared, not yet checked against data. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  /** The declared uncompressed size. */
  readonly size: number;
  readonly localOffset: number;
  /** The raw name bytes, to compare with the local header's copy. */
  readonly rawName: Uint8Array;
}

/** One file to write into an archive. */
export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate this entry (worth it for JSON; float weights barely shrink, so they are stored). */
  readonly compress: boolean;
}

/**
 * Every entry gets the same modification time, so identical input gives identical bytes.
 * ZIP stores local time, so the Date is built from local-time parts, at write time (the zone
 * may change while the app runs): any time zone writes 1980-01-01 12:00, the DOS epoch (noon
 * keeps clear of a daylight-saving switch at midnight).
 */
const fixedMtime = () => new Date(1980, 0, 1, 12, 0, 0);

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Input fed to the inflater per step: at most ~1032x this can come out before the size check. */
const INFLATE_STEP = 16 * 1024;

/** Writes a ZIP archive with the entries in the order given. Deterministic. */
export function writeZip(files: readonly ZipInput[]): Uint8Array {
  const zippable: Zippable = {};
  for (const file of files) zippable[file.name] = [file.data, { level: file.compress ? 6 : 0 }];
  return zipSync(zippable, { mtime: fixedMtime() });
}

/** True when `bytes` start like a ZIP archive (a local file header, or an empty archive). */
export function startsLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const sig = u32(bytes, 0);
  return sig === SIG_LOCAL || sig === SIG_END;
}

/**
 * Reads the central directory. Throws ProjectFileError: `not-zip` when there is no end record,
 * `too-large` when there are more than `maxEntries` entries, `damaged` when the directory
 * points outside the file or is malformed.
 */
export function listZipEntries(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const end = findEndRecord(bytes);
  if (end < 0) {
    throw new ProjectFileError('not-zip', msg('project.notZip.noDirectory'));
  }
  const diskEntries = u16(bytes, end + 8);
  const count = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directoryOffset = u32(bytes, end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw damaged(msg('project.damaged.zip64'));
  }
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0 || diskEntries !== count) {
    throw damaged(msg('project.damaged.multipart'));
  }
  if (count > maxEntries) {
    throw new ProjectFileError('too-large', msg('project.tooManyEntries', { count, max: maxEntries }));
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > end) throw damaged(msg('project.damaged.directoryPastEnd'));

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(bytes, at) !== SIG_CENTRAL) throw damaged(msg('project.damaged.entryUnreadable', { index: i + 1, count }));
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > directoryEnd) throw damaged(msg('project.damaged.entryPastDirectory', { index: i + 1, count }));
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      // Bit 11 marks UTF-8 names; others are CP437, close enough to Latin-1 for messages.
      name: strFromU8(rawName, (flags & 0x800) === 0),
      method: u16(bytes, at + 10),
      flags,
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      rawName,
    });
    at = next;
  }
  return entries;
}

/**
 * Reads one entry's data, inflating it if needed, and checks its size and CRC-32. The caller
 * has already checked `entry.size` against its cap; at most that many bytes are produced.
 * A stored entry comes back as a view into `bytes`. Throws ProjectFileError (`damaged`).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const what = { entry: quoteName(entry.name) };
  const at = { entry: entry.name };
  if (entry.flags & 1) throw damaged(msg('project.damaged.encrypted', what), at);
  if (entry.method !== 0 && entry.method !== 8) {
    throw damaged(msg('project.damaged.method', { ...what, method: entry.method }), at);
  }
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== SIG_LOCAL) throw damaged(msg('project.damaged.headerMissing', what), at);
  const nameLength = u16(bytes, local + 26);
  const localName = bytes.subarray(local + 30, local + 30 + nameLength);
  if (!sameBytes(localName, entry.rawName)) throw damaged(msg('project.damaged.namesDisagree', what), at);
  const start = local + 30 + nameLength + u16(bytes, local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(msg('project.damaged.cutShort', what), at);
  const raw = bytes.subarray(start, end);

  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(msg('project.damaged.sizesDisagree', what), at);
    data = raw; // a view, not a copy: a 1 GB weights entry is not duplicated (callers copy what they keep)
  } else {
    data = inflateCapped(raw, entry);
  }
  if (crc32(data) !== entry.crc) throw damaged(msg('project.damaged.checksum', what), at);
  return data;
}

/** Inflates at most `size` bytes, stopping the inflater as soon as it goes past that. */
function inflateCapped(compressed: Uint8Array, entry: ZipEntry): Uint8Array {
  const { size } = entry;
  const what = quoteName(entry.name);
  const out = new Uint8Array(size);
  let filled = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    if (overflow) return;
    if (filled + chunk.length > size) {
      overflow = true;
      return;
    }
    out.set(chunk, filled);
    filled += chunk.length;
  });
  let at = 0;
  do {
    const next = Math.min(at + INFLATE_STEP, compressed.length);
    try {
      inflater.push(compressed.subarray(at, next), next === compressed.length);
    } catch (error) {
      throw damaged(msg('project.damaged.inflate', { entry: what, detail: error instanceof Error ? error.message : String(error) }), {
        entry: entry.name,
        cause: error,
      });
    }
    if (overflow) {
      throw new ProjectFileError('too-large', msg('project.inflateOverflow', { entry: what, size: bytesValue(size) }), { entry: entry.name });
    }
    at = next;
  } while (at < compressed.length);
  if (filled !== size) throw damaged(msg('project.damaged.unpackSize', { entry: what, actual: filled, size }), { entry: entry.name });
  return out;
}

/** The error for an archive that is a ZIP but is broken; `problem` is a `project.damaged.*` message. */
function damaged(problem: Message, details: ProjectFileErrorDetails = {}): ProjectFileError {
  return new ProjectFileError('damaged', msg('project.damaged', { problem }), details);
}

/** The offset of the end-of-central-directory record, or -1. Scans back over a comment. */
function findEndRecord(bytes: Uint8Array): number {
  const last = bytes.length - END_RECORD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (u32(bytes, at) === SIG_END && at + END_RECORD_SIZE + u16(bytes, at + 20) <= bytes.length) return at;
  }
  return -1;
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as ZIP uses it). */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
