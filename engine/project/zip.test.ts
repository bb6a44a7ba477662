import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject, saveProject } from './container';
import { ProjectFileError } from './errors';
import type { Project } from './schema';
import { crc32, listZipEntries, readZipEntry, writeZip } from './zip';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/project/${name}`, import.meta.url)));

function errorOf(fn: () => unknown): ProjectFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectFileError);
    return error as ProjectFileError;
  }
  throw new Error('expected a ProjectFileError');
}

describe('crc32', () => {
  it('gives the standard check value', () => {
    // The CRC-32/ISO-HDLC check value of "123456789", as every CRC catalogue lists it.
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('writeZip', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('writes the entries in order, JSON deflated, weights stored, at 1980-01-01 12:00', () => {
    const bytes = writeZip([
      { name: 'project.json', data: strToU8('{"a":1}'.repeat(50)), compress: true },
      { name: 'weights.safetensors', data: new Uint8Array(64), compress: false },
    ]);
    const entries = listZipEntries(bytes, 10);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['project.json', 8, 350],
      ['weights.safetensors', 0, 64],
    ]);
    const view = new DataView(bytes.buffer);
    // DOS time and date of the first local header: 12:00:00 is 12 << 11, 1980-01-01 is (0 << 9) | (1 << 5) | 1.
    expect(view.getUint16(10, true)).toBe(12 << 11);
    expect(view.getUint16(12, true)).toBe((1 << 5) | 1);
    expect(new TextDecoder().decode(readZipEntry(bytes, entries[0]))).toBe('{"a":1}'.repeat(50));
  });

  it('writes the same bytes in every time zone', () => {
    const project: Project = { format: 'deepwire', version: 1, name: 'tz', graph: { nodes: [], edges: [] }, runs: [] };
    const outputs = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham'].map((tz) => {
      process.env.TZ = tz;
      return saveProject(project);
    });
    for (const output of outputs) expect(output).toEqual(outputs[0]);
  });
});

describe('reading archives', () => {
  it('opens an archive written by another ZIP program (Python zipfile, with a comment)', () => {
    const result = loadProject(fixture('v1-xor-trained-rezipped.dwire'));
    if (!result.ok) throw result.error;
    const original = loadProject(fixture('v1-xor-trained.dwire'));
    expect(original.ok && result.project).toEqual(original.ok && original.project);
    expect(original.ok && result.weights).toEqual(original.ok && original.weights);
    expect(result.warnings).toEqual([
      'Ignored "README.txt" inside the project file: DeepWire does not use it, and will not keep it when the project is saved.',
    ]);
  });

  it('refuses what DeepWire never writes: ZIP64, several disks, encryption, other methods', () => {
    const base = zipSync({ 'project.json': strToU8('{}') }, { level: 0 });
    const end = base.length - 22;
    const central = new DataView(base.buffer).getUint32(end + 16, true);
    const patched = (at: number, value: number, width: 2 | 4) => {
      const copy = base.slice();
      const view = new DataView(copy.buffer);
      if (width === 2) view.setUint16(at, value, true);
      else view.setUint32(at, value, true);
      return copy;
    };
    expect(errorOf(() => listZipEntries(patched(end + 16, 0xffffffff, 4), 10)).message).toMatch(/uses ZIP64/);
    expect(errorOf(() => listZipEntries(patched(end + 4, 1, 2), 10)).message).toMatch(/multi-part archive/);
    expect(errorOf(() => listZipEntries(patched(end + 16, end - 10, 4), 10)).message).toMatch(/points past the end/);
    const encrypted = patched(central + 8, 1, 2);
    expect(errorOf(() => readZipEntry(encrypted, listZipEntries(encrypted, 10)[0])).message).toMatch(/is encrypted/);
    const bzip = patched(central + 10, 12, 2);
    expect(errorOf(() => readZipEntry(bzip, listZipEntries(bzip, 10)[0])).message).toMatch(/ZIP method 12/);
  });

  it('refuses an entry whose name differs between its two headers', () => {
    const bytes = zipSync({ 'project.json': strToU8('{}') }, { level: 0 });
    bytes[30] = 'P'.charCodeAt(0); // the local header's copy of the name
    const error = errorOf(() => readZipEntry(bytes, listZipEntries(bytes, 10)[0]));
    expect(error.reason).toBe('damaged');
    expect(error.message).toContain('the two copies of the name of "project.json" disagree');
  });

  it('refuses a deflated entry that unpacks short of its declared size', () => {
    const bytes = zipSync({ 'project.json': strToU8('{"x": 1}') }, { level: 6 });
    const view = new DataView(bytes.buffer);
    const central = view.getUint32(bytes.length - 22 + 16, true);
    view.setUint32(central + 24, 20, true);
    expect(errorOf(() => readZipEntry(bytes, listZipEntries(bytes, 10)[0])).message).toContain('unpacks to 8 bytes, not the 20');
  });
});
