import { beforeEach, describe, expect, it } from 'vitest';
import { data, graph as g, project } from '../../../engine';
import { embeddedEntries } from '../io/projectFile';
import { embeddedData, markSent, missing, readEmbeddable, sendTo, useData } from './dataStore';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * seed) & 255);

function ref(role: data.FileRole, name: string, contents: Uint8Array) {
  return { role, name, path: '', size: contents.length, sha256: data.sha256Hex(contents) };
}

const info = { featureShape: [2], task: 'classification', classes: 2, samples: 10, testSamples: 0 };

function dataNode(id: string, files: ReturnType<typeof ref>[], embed: 'auto' | 'always' | 'never' = 'auto'): g.GraphNode {
  return { id, kind: 'DataFile', position: { x: 0, y: 0 }, params: { format: files[0]?.role === 'data' ? 'csv' : 'idx', files, info, embed } };
}

const graphOf = (...nodes: g.GraphNode[]): g.Graph => ({ nodes, edges: [] });

beforeEach(() => {
  useData.setState({ files: new Map() });
});

describe('embeddedData', () => {
  it('holds the bytes of the nodes that embed (small under auto, any under always), never those under never', () => {
    const small = bytes(100, 3);
    const large = bytes(10, 5);
    const kept = bytes(20, 7);
    const big = { ...ref('data', 'big.csv', large), size: g.EMBED_LIMIT_BYTES + 1 };
    const graph = graphOf(
      dataNode('a', [ref('data', 'small.csv', small)]),
      dataNode('b', [big]),
      dataNode('c', [{ ...big, sha256: data.sha256Hex(kept), name: 'kept.csv' }], 'always'),
      dataNode('d', [ref('data', 'never.csv', bytes(30, 9))], 'never'),
    );
    useData.getState().put([
      [data.sha256Hex(small), { name: 'small.csv', size: small.length, bytes: small }],
      [big.sha256, { name: 'big.csv', size: big.size, bytes: large }],
      [data.sha256Hex(kept), { name: 'kept.csv', size: kept.length, bytes: kept }],
      [data.sha256Hex(bytes(30, 9)), { name: 'never.csv', size: 30, bytes: bytes(30, 9) }],
    ]);
    const embedded = embeddedData(graph);
    expect([...embedded.keys()].sort()).toEqual([data.sha256Hex(small), data.sha256Hex(kept)].sort());
    expect(embedded.get(data.sha256Hex(small))).toBe(small);
  });

  it('leaves out data it only has as a Blob until readEmbeddable has read them', async () => {
    const contents = bytes(64, 11);
    const r = ref('data', 'x.csv', contents);
    const graph = graphOf(dataNode('a', [r]));
    useData.getState().put([[r.sha256, { name: 'x.csv', size: 64, blob: new Blob([contents]) }]]);
    expect(embeddedData(graph).size).toBe(0);
    await readEmbeddable(graph);
    expect(embeddedData(graph).get(r.sha256)).toEqual(contents);
  });

  it('round-trips through a project file into the store', () => {
    const contents = bytes(50, 13);
    const r = ref('data', 'table.csv', contents);
    const graph = graphOf(dataNode('a', [r]));
    useData.getState().put([[r.sha256, { name: 'table.csv', size: 50, bytes: contents }]]);
    const file = project.saveProject(project.createProject('p', graph), undefined, { data: embeddedData(graph) });
    const loaded = project.loadProject(file, { isKnownKind: g.isKnownKind });
    if (!loaded.ok) throw loaded.error;
    useData.setState({ files: new Map() });
    useData.getState().put(embeddedEntries(loaded.project.graph, loaded.data!));
    expect(useData.getState().files.get(r.sha256)).toMatchObject({ name: 'table.csv', size: 50, bytes: contents });
  });
});

describe('missing', () => {
  it('lists the references whose contents the store lacks, once per hash', () => {
    const a = bytes(10, 1);
    const b = bytes(10, 2);
    const ra = ref('images', 'train-images', a);
    const rb = ref('labels', 'train-labels', b);
    const graph = graphOf(dataNode('n1', [ra, rb]), dataNode('n2', [rb]));
    expect(missing(graph).map((f) => f.name)).toEqual(['train-images', 'train-labels']);
    useData.getState().put([[ra.sha256, { name: 'train-images', size: 10, bytes: a }]]);
    expect(missing(graph).map((f) => f.name)).toEqual(['train-labels']);
    useData.getState().put([[rb.sha256, { name: 'train-labels', size: 10, blob: new Blob([b]) }]]);
    expect(missing(graph)).toEqual([]);
  });
});

describe('sendTo', () => {
  class FakeClient {
    readonly sent: { sha256: string; data: Uint8Array | Blob; transfer?: boolean }[] = [];
    async request(m: { type: 'put-data'; sha256: string; data: Uint8Array | Blob }, o: { transfer?: boolean }) {
      this.sent.push({ sha256: m.sha256, data: m.data, transfer: o.transfer });
      await Promise.resolve();
      return { type: 'ack' };
    }
  }

  it('sends each hash once per client, keeping the bytes (transfer: false), and skips data it lacks', async () => {
    const a = bytes(10, 1);
    const b = bytes(10, 2);
    const ra = ref('data', 'a.csv', a);
    const rb = ref('data', 'b.csv', b);
    const rc = ref('data', 'c.csv', bytes(10, 3));
    useData.getState().put([[ra.sha256, { name: 'a.csv', size: 10, bytes: a }], [rb.sha256, { name: 'b.csv', size: 10, blob: new Blob([b]) }]]);
    const graph = graphOf(dataNode('n1', [ra]), dataNode('n2', [rb]), dataNode('n3', [rc]), dataNode('n4', [ra]));
    const one = new FakeClient();
    const two = new FakeClient();
    await Promise.all([sendTo(one, graph), sendTo(one, graph)]);
    await sendTo(one, graph);
    expect(one.sent.map((s) => s.sha256)).toEqual([ra.sha256, rb.sha256]);
    expect(one.sent.every((s) => s.transfer === false)).toBe(true);
    expect(one.sent[0].data).toBe(a);
    expect(one.sent[1].data).toBeInstanceOf(Blob);
    await sendTo(two, graph);
    expect(two.sent).toHaveLength(2);
    // Once the missing file is chosen, it goes too — and only it.
    useData.getState().put([[rc.sha256, { name: 'c.csv', size: 10, bytes: bytes(10, 3) }]]);
    await sendTo(one, graph);
    expect(one.sent.map((s) => s.sha256)).toEqual([ra.sha256, rb.sha256, rc.sha256]);
  });

  it('does not send what an import already gave that engine, and sends again after a failure', async () => {
    const a = bytes(10, 1);
    const ra = ref('data', 'a.csv', a);
    useData.getState().put([[ra.sha256, { name: 'a.csv', size: 10, bytes: a }]]);
    const graph = graphOf(dataNode('n1', [ra]));
    const imported = new FakeClient();
    markSent(imported, [ra.sha256]);
    await sendTo(imported, graph);
    expect(imported.sent).toEqual([]);

    let fail = true;
    const flaky = {
      calls: 0,
      async request() {
        this.calls++;
        if (fail) throw new Error('engine busy');
        return { type: 'ack' };
      },
    };
    await expect(sendTo(flaky, graph)).rejects.toThrow('engine busy');
    fail = false;
    await sendTo(flaky, graph);
    expect(flaky.calls).toBe(2);
  });
});
