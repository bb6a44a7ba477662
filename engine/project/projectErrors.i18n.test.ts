/**
 * A project file that cannot be opened is explained in the reader's language: every
 * ProjectFileError that loadProject returns for a real damaged, foreign, too-new or too-large
 * file carries a catalogue message whose English is the error's message and whose Korean names
 * the same entry, field, version and sizes. The message survives the trip to the editor
 * (errorInfo → ErrorInfo.msg).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { expectBilingual } from '../testing/bilingual';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../data/fileRef';
import { errorInfo } from '../protocol/codec';
import { loadProject, saveProject, type LoadOptions } from './container';
import type { ProjectFileError, ProjectFileReason } from './errors';
import { encodeSafetensors, type TensorData } from './safetensors';
import type { ProjectInput } from './schema';

/** English sentence words that must not survive in a Korean text (values such as entry names may). */
const ENGLISH_WORDS = /\b(the|is|not|expected|received|damaged|file|project|open|copy|must|was|has|more than)\b/i;

const f32 = (shape: number[], values: number[]): TensorData => ({ dtype: 'float32', shape, data: Float32Array.from(values) });
const zip = (entries: Record<string, Uint8Array | string>) => {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(files);
};

const project: ProjectInput = {
  format: 'deepwire',
  version: 1,
  name: 'Two layers',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', position: { x: 0, y: 0 }, params: { features: 2 } },
      { id: 'hidden', kind: 'Dense', position: { x: 200, y: 0 }, params: { units: 2 } },
    ],
    edges: [{ id: 'e1', source: 'in', sourcePort: 'out', target: 'hidden', targetPort: 'in' }],
  },
};
const weights = new Map([['hidden.weight', f32([2, 2], [1, 2, 3, 4])], ['hidden.bias', f32([2], [0.5, -0.5])]]);
const saved = saveProject(project, weights);
const json = (value: unknown) => zip({ 'project.json': typeof value === 'string' ? value : JSON.stringify(value) });

function failure(bytes: Uint8Array, options?: LoadOptions): ProjectFileError {
  const result = loadProject(bytes, options);
  if (result.ok) throw new Error('expected the load to fail');
  return result.error;
}

/**
 * The checks every refused file must pass; returns the Korean text. `foreign`: words that are not
 * DeepWire's and stay as they are (a JSON parser's own message).
 */
function korean(error: ProjectFileError, reason: ProjectFileReason, values: readonly (string | number)[], foreign = ''): string {
  expect(error.reason).toBe(reason);
  const ko = expectBilingual(error.msg, { english: error.message, values });
  for (const value of values) expect(error.message).toContain(String(value));
  // Entry names, field paths and quoted values are the file's words; the sentence around them is Korean.
  const sentence = ko.replace(foreign, '').replace(/"[^"]*"|'[^']*'|[\w.[\]]+\.(json|safetensors)\b|\b[a-z]+(\.[a-zA-Z]+|\[\d+\])+/g, '');
  expect(sentence, ko).not.toMatch(ENGLISH_WORDS);
  const info = errorInfo(error);
  expect(info.msg).toEqual(error.msg);
  expect(info.message).toBe(error.message);
  return ko;
}

describe('project files that cannot be opened, in Korean', () => {
  it('a file cut short while copying, or with a piece missing from its middle', () => {
    const ko = korean(failure(saved.slice(0, saved.length - 40)), 'not-zip', ['.dwire']);
    expect(ko).toContain('파일 끝에 ZIP 목록이 없습니다');
    const holed = new Uint8Array(saved.length - 40);
    holed.set(saved.subarray(0, 200));
    holed.set(saved.subarray(240), 200);
    expect(korean(failure(holed), 'damaged', [])).toContain('프로젝트 파일이 손상되었습니다: 목록이 파일 끝 너머를 가리킵니다(파일이 잘렸을 수 있습니다)');
  });

  it('an empty file, a JSON file and a ZIP without project.json', () => {
    expect(korean(failure(new Uint8Array(0)), 'not-zip', ['.dwire', '0'])).toContain('비어 있습니다');
    expect(korean(failure(strToU8('{"graph": {}}')), 'not-zip', ['.dwire'])).toContain('JSON 텍스트 파일');
    const nested = failure(zip({ 'mine/project.json': '{}', 'mine/weights.safetensors': 'x' }));
    const ko = korean(nested, 'missing-project-json', ['project.json', '"mine/project.json"']);
    expect(ko).toContain('폴더가 아니라 파일들을 압축하세요');
  });

  it('a flipped byte inside project.json: its checksum fails', () => {
    const bytes = zip({ 'project.json': JSON.stringify(project) });
    // Stored entries are easier to hit exactly: flip a byte of the data after the local header.
    const stored = zipSync({ 'project.json': [strToU8(JSON.stringify(project)), { level: 0 }] });
    stored[30 + 'project.json'.length + 5] ^= 0x20;
    const ko = korean(failure(stored), 'damaged', ['"project.json"']);
    expect(ko).toContain('체크섬');
    expect(loadProject(bytes).ok).toBe(true);
  });

  it('project.json that is not valid JSON: line and column, in Korean order', () => {
    const error = failure(json('{\n  "format": "deepwire",\n  "version": 1\n  "name": "x"\n}'));
    const parser = "Expected ',' or '}' after property value";
    const ko = korean(error, 'bad-json', ['project.json', parser], parser);
    expect(ko).toContain(`(4행 3열: ${parser})`);
    expect(error.message).toMatch(/at line 4, column 3/);
  });

  it('a field of the wrong type: the path stays, the problem is Korean', () => {
    const error = failure(json({ ...project, name: 5, graph: { ...project.graph, nodes: [{ ...project.graph.nodes[0], position: { x: 'left', y: 0 } }] } }));
    const ko = korean(error, 'schema', ['name', 'graph.nodes[0].position.x']);
    expect(ko).toContain('name: 문자열 값이어야 하는데 숫자 값입니다');
    expect(ko).toContain('graph.nodes[0].position.x: 숫자 값이어야 하는데 문자열 값입니다');
    expect(error.message).toContain('name: expected string, received number');
    expect(error.path).toBe('name');
  });

  it('a missing field, a bad run status and more problems than the message spells out', () => {
    const runs = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, startedAt: '2025-01-31T12:00:00.000Z', status: 'exploded' }));
    const error = failure(json({ ...project, graph: { nodes: project.graph.nodes }, runs }));
    const ko = korean(error, 'schema', ['graph.edges', 'runs[0].status']);
    expect(ko).toContain('graph.edges: 배열 값이 있어야 하는데 없습니다');
    expect(ko).toMatch(/runs\[0\]\.status: "completed"\|"stopped"\|"failed" 중 하나여야 합니다/);
    expect(ko).toContain('(외 3개)');
    expect(error.message).toContain('(and 3 more)');
  });

  it('two nodes with one id and an edge to a node that does not exist', () => {
    const nodes = [...project.graph.nodes, { ...project.graph.nodes[1] }];
    const edges = [...project.graph.edges, { id: 'e2', source: 'ghost', sourcePort: 'out', target: 'in', targetPort: 'in' }];
    const ko = korean(failure(json({ ...project, graph: { nodes, edges } })), 'schema', ['graph.nodes[2].id', '"hidden"', 'graph.nodes[1]', '"ghost"']);
    expect(ko).toContain('id "hidden"은(는) 이미 graph.nodes[1]에서 쓰고 있습니다');
    expect(ko).toContain('graph.edges[1].source: id가 "ghost"인 노드가 없습니다');
  });

  it('a file from a newer DeepWire names both versions', () => {
    const error = failure(json({ ...project, version: 7, app: { name: 'DeepWire', version: '3.2.0' } }));
    const ko = korean(error, 'newer-version', ['DeepWire 3.2.0', 7, 1]);
    expect(ko).toContain('형식 7');
    expect(ko).toContain('DeepWire를 업데이트한 뒤 여세요');
    expect(error.version).toBe(7);
  });

  it('a file from another program, and a version that is not a number', () => {
    expect(korean(failure(json({ format: 'keras', version: 1 })), 'not-deepwire', ['project.json', '"keras"', 'deepwire'])).toContain('다른 프로그램');
    expect(korean(failure(json([1, 2])), 'not-deepwire', ['project.json'])).toContain('목록');
    expect(korean(failure(json({ format: 'deepwire' })), 'schema', ['"version"', 0, 1])).toContain('(없음)');
  });

  it('a key that could reach a prototype is refused with its path', () => {
    const ko = korean(failure(json('{"format":"deepwire","version":1,"graph":{"nodes":[{"__proto__":{"x":1}}]}}')), 'bad-json', ['"__proto__"', 'graph.nodes[0]']);
    expect(ko).toContain('예약된 키');
  });

  it('a node kind this build does not have', () => {
    const error = failure(saved, { isKnownKind: (kind) => kind !== 'Dense' });
    const ko = korean(error, 'unknown-node-kind', ['"hidden"', 'graph.nodes[1]', '"Dense"']);
    expect(ko).toContain('이 버전의 DeepWire에 없습니다');
    expect(error.nodeId).toBe('hidden');
  });

  it('weights that belong to another graph, and a weights header cut short', () => {
    const foreign = zip({ 'project.json': JSON.stringify(project), 'weights.safetensors': encodeSafetensors(new Map([['conv9.kernel', f32([1], [1])]])) });
    const ko = korean(failure(foreign), 'bad-weights', ['weights.safetensors', '"conv9.kernel"']);
    expect(ko).toContain('다시 학습');
    const header = new Uint8Array(16);
    new DataView(header.buffer).setBigUint64(0, 4000n, true);
    const short = zip({ 'project.json': JSON.stringify(project), 'weights.safetensors': header });
    expect(korean(failure(short), 'bad-weights', ['weights.safetensors', 4000, 8])).toContain('가중치가 손상되었습니다');
  });

  it('a weights tensor whose offsets do not fit its shape', () => {
    const good = encodeSafetensors(new Map([['hidden.bias', f32([2], [1, 2])]]));
    const text = new TextDecoder().decode(good.subarray(8, 8 + Number(new DataView(good.buffer).getBigUint64(0, true))));
    const bad = text.replace('"shape":[2]', '"shape":[3]');
    const bytes = new Uint8Array(8 + bad.length + 8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(bad.length), true);
    bytes.set(strToU8(bad), 8);
    const ko = korean(failure(zip({ 'project.json': JSON.stringify(project), 'weights.safetensors': bytes })), 'bad-weights', ['"hidden.bias"', '(3,)', 'F32', 12, 8]);
    expect(ko).toContain('12바이트');
  });

  it('embedded data whose bytes do not match their SHA-256', () => {
    const data = strToU8('x,y\n1,2\n');
    const hash = sha256Hex(data);
    const withFile: ProjectInput = {
      ...project,
      graph: { nodes: [{ id: 'file', kind: 'DataFile', position: { x: 0, y: 0 }, params: { files: [{ role: 'table', name: 'a.csv', path: 'a.csv', size: data.length, sha256: hash }] } }], edges: [] },
    };
    const swapped = zip({ 'project.json': JSON.stringify(withFile), [`data/${hash}`]: strToU8('x,y\n9,9\n') });
    expect(korean(failure(swapped), 'damaged', [`"data/${hash}"`])).toContain('SHA-256과 맞지 않습니다');
  });

  it('files over the size limits (how zip bombs are refused)', () => {
    const ko = korean(failure(saved, { limits: { maxFileBytes: 500 } }), 'too-large', ['500']);
    expect(ko).toContain('500바이트');
    const entry = failure(saved, { limits: { maxProjectJsonBytes: 100 } });
    expect(korean(entry, 'too-large', ['project.json', '100'])).toContain('열지 않았습니다');
    const many = zip(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}.txt`, 'x'])));
    expect(korean(failure(many, { limits: { maxEntries: 8 } }), 'too-large', [9, 8])).toContain('항목이 9개');
  });

  it('every field problem zod can report about a project has a Korean text (no English left)', () => {
    // A value of every wrong kind in every field of a real project file.
    const base = JSON.parse(JSON.stringify({ ...project, runs: [{ id: 'r', startedAt: '2025-01-31T12:00:00.000Z', status: 'completed', epochs: [{ epoch: 1, loss: 0.5, seconds: 1 }] }] }));
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      if (p.length) paths.push(p);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, Array.isArray(v) ? Number(k) : k]);
    };
    walk(base, []);
    let checked = 0;
    for (const p of paths) {
      for (const bad of [null, 'text', -1, 1.5, true, [], {}, 'x'.repeat(300), 'not a date']) {
        const copy = JSON.parse(JSON.stringify(base));
        let o = copy;
        for (const k of p.slice(0, -1)) o = o[k];
        o[p.at(-1)!] = bad;
        const result = loadProject(json(copy));
        if (result.ok || result.error.reason !== 'schema') continue;
        korean(result.error, 'schema', []);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
