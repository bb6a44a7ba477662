/**
 * Data embedded in a project by "From file" nodes: saved under `data/<sha256>`, loaded back
 * byte for byte, checked against the hash, and only what the graph refers to is kept.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../data/fileRef';
import { dataEntryName, loadProject, saveProject } from './container';
import { createProject, writeProjectJson } from './format';

const csv = strToU8('x1,x2,label\n0,0,a\n1,1,b\n');
const hash = sha256Hex(csv);

function projectWith(sha256: string) {
  return createProject('Own data', {
    nodes: [{
      id: 'data', kind: 'DataFile', position: { x: 0, y: 0 },
      params: { format: 'csv', files: [{ role: 'data', name: 'points.csv', path: '', size: csv.length, sha256 }] },
    }],
    edges: [],
  });
}

describe('embedded data', () => {
  it('round-trips the bytes of the files the graph refers to', () => {
    const bytes = saveProject(projectWith(hash), undefined, { data: new Map([[hash, csv]]) });
    const loaded = loadProject(bytes);
    if (!loaded.ok) throw loaded.error;
    expect([...loaded.data!.keys()]).toEqual([hash]);
    expect(loaded.data!.get(hash)).toEqual(csv);
    expect(loaded.warnings).toEqual([]);
  });

  it('SHA-256 is the standard one (a known test vector)', () => {
    expect(sha256Hex(strToU8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores, with a warning, data the graph does not refer to', () => {
    const other = strToU8('unrelated');
    const bytes = saveProject(projectWith(hash), undefined, { data: new Map([[hash, csv], [sha256Hex(other), other]]) });
    const loaded = loadProject(bytes);
    if (!loaded.ok) throw loaded.error;
    expect([...loaded.data!.keys()]).toEqual([hash]);
    expect(loaded.warnings.join(' ')).toContain(dataEntryName(sha256Hex(other)));
  });

  it('refuses an entry whose bytes do not match its hash, naming it', () => {
    const json = writeProjectJson(projectWith(hash));
    const bytes = zipSync({ 'project.json': json, [dataEntryName(hash)]: strToU8('x1,x2,label\n0,0,b\n') });
    const loaded = loadProject(bytes);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.reason).toBe('damaged');
    expect(loaded.error.message).toContain(dataEntryName(hash));
  });

  it('refuses embedded data beyond the size limit before unpacking them', () => {
    const bytes = saveProject(projectWith(hash), undefined, { data: new Map([[hash, csv]]) });
    const loaded = loadProject(bytes, { limits: { maxDataBytes: 4 } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.error.reason).toBe('too-large');
  });

  it('a project without data loads with no data map', () => {
    const loaded = loadProject(saveProject(projectWith(hash)));
    if (!loaded.ok) throw loaded.error;
    expect(loaded.data).toBeUndefined();
  });

  it('refuses to embed under a key that is not a SHA-256', () => {
    expect(() => saveProject(projectWith(hash), undefined, { data: new Map([['../evil', csv]]) })).toThrow(/SHA-256/);
  });
});

