/**
 * The user's own data, by SHA-256: the files "From file" nodes refer to. The graph keeps only
 * references (name, size, hash); the contents live here — a File the user picked (a Blob, read by
 * the engine in slices), and its bytes when they go into the project file (small data, or
 * `embed: 'always'`) or came out of one. The engine gets them with `put-data` before any request
 * that loads data (`sendTo`), once per engine.
 *
 * Nothing here is part of undo: an undone import still finds its file here by hash.
 */
import { create } from 'zustand';
import { graph as g, type data } from '../../../engine';
import { useEditor } from './editorStore';

type FileRef = data.FileRef;

/** One data file's contents: `bytes` when they are in memory, else `blob` (a picked File). */
export interface DataEntry {
  readonly name: string;
  readonly size: number;
  readonly bytes?: Uint8Array;
  readonly blob?: Blob;
}

export interface DataState {
  readonly files: ReadonlyMap<string, DataEntry>;
  /** Adds or replaces entries; an entry with bytes is never replaced by one with only a Blob. */
  put(entries: Iterable<readonly [string, DataEntry]>): void;
}

export const useData = create<DataState>()((set, get) => ({
  files: new Map(),
  put(entries) {
    const files = new Map(get().files);
    for (const [sha256, entry] of entries) {
      const old = files.get(sha256);
      files.set(sha256, old?.bytes && !entry.bytes ? { ...entry, bytes: old.bytes } : entry);
    }
    set({ files });
  },
}));

/** The "From file" nodes of a graph with their (valid) parameters. */
export function dataFileNodes(graph: g.Graph): { id: string; params: g.DataFileParams }[] {
  const out: { id: string; params: g.DataFileParams }[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'DataFile') continue;
    const parsed = g.DataFileParams.safeParse(node.params);
    if (parsed.success) out.push({ id: node.id, params: parsed.data });
  }
  return out;
}

/** Every file reference of the graph's "From file" nodes, once per hash. */
export function dataRefs(graph: g.Graph): FileRef[] {
  const seen = new Map<string, FileRef>();
  for (const { params } of dataFileNodes(graph)) for (const f of params.files) if (!seen.has(f.sha256)) seen.set(f.sha256, f);
  return [...seen.values()];
}

/** References whose data go into the project file (their node's `shouldEmbed`). */
function embeddedRefs(graph: g.Graph): FileRef[] {
  return dataFileNodes(graph).filter(({ params }) => g.shouldEmbed(params)).flatMap(({ params }) => params.files);
}

/**
 * The data to embed in the project file, by SHA-256: the files of the nodes whose data should be
 * embedded and whose bytes are here (a file still being read, or missing, is left out — the
 * node then shows the data as missing when the project is opened again).
 */
export function embeddedData(graph: g.Graph, files: ReadonlyMap<string, DataEntry> = useData.getState().files): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const ref of embeddedRefs(graph)) {
    const bytes = files.get(ref.sha256)?.bytes;
    if (bytes) out.set(ref.sha256, bytes);
  }
  return out;
}

/** The graph's file references whose contents are not here (a project opened without its data). */
export function missing(graph: g.Graph, files: ReadonlyMap<string, DataEntry> = useData.getState().files): FileRef[] {
  return dataRefs(graph).filter((ref) => !files.has(ref.sha256));
}

/** Reads every Blob a node to embed still holds only as a Blob (the node's `embed` became 'always'). */
export async function readEmbeddable(graph: g.Graph): Promise<void> {
  const files = useData.getState().files;
  const pending = embeddedRefs(graph).filter((ref) => !files.get(ref.sha256)?.bytes && files.get(ref.sha256)?.blob);
  const read = await Promise.all(pending.map(async (ref) => {
    const entry = files.get(ref.sha256)!;
    return [ref.sha256, { ...entry, bytes: new Uint8Array(await entry.blob!.arrayBuffer()) }] as const;
  }));
  if (read.length) useData.getState().put(read);
}

// Whatever changes a node's embedding (the inspector, undo, an opened project), the bytes are
// read soon after, so a save that follows finds them.
useEditor.subscribe((s, prev) => {
  if (s.graph !== prev.graph) readEmbeddable(s.graph).catch((e: unknown) => console.error('reading data to embed failed', e));
});

/** What sendTo needs of an engine client (EngineClient has it). */
export interface DataClient {
  request(message: { type: 'put-data'; sha256: string; data: Uint8Array | Blob }, options: { transfer?: boolean }): Promise<unknown>;
}

/** Per engine client: the hashes it has (or is being sent). */
const sent = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Notes that `client` holds these hashes already (the engine keeps what an import read). */
export function markSent(client: object, hashes: Iterable<string>): void {
  let known = sent.get(client);
  if (!known) sent.set(client, (known = new Map()));
  for (const h of hashes) known.set(h, Promise.resolve());
}

/**
 * Hands the engine behind `client` the graph's data it does not have yet (`put-data`, the bytes
 * kept: the editor still needs them). Each hash goes once per client. Data not here are skipped:
 * the engine then fails the run with a DataFileMissingError naming the file.
 */
export async function sendTo(client: DataClient, graph: g.Graph): Promise<void> {
  let known = sent.get(client);
  if (!known) sent.set(client, (known = new Map()));
  const files = useData.getState().files;
  const waits: Promise<unknown>[] = [];
  for (const ref of dataRefs(graph)) {
    const have = known.get(ref.sha256);
    if (have) {
      waits.push(have);
      continue;
    }
    const entry = files.get(ref.sha256);
    const contents = entry?.bytes ?? entry?.blob;
    if (!contents) continue;
    const sending = client.request({ type: 'put-data', sha256: ref.sha256, data: contents }, { transfer: false });
    known.set(ref.sha256, sending);
    // A failed send is tried again next time.
    sending.catch(() => known.delete(ref.sha256));
    waits.push(sending);
  }
  await Promise.all(waits);
}
