/**
 * Importing data into a "From file" node: the engine reads the files (hash, scan, preview) and
 * answers with the node's new parameters, which are committed as one undo step; the contents go
 * into the data store by hash, as bytes when the project will embed them. Per node, this store
 * keeps what the inspector shows around an import: busy, progress, the last error, the preview
 * of the last import and the CSV options the user chose. Nothing here survives a reload.
 */
import { create } from 'zustand';
import { data, graph as g, type protocol } from '../../../../../engine';
import { errorText, type Text } from '../../../i18n';
import { markSent, useData, type DataEntry } from '../../../store/dataStore';
import { useEditor } from '../../../store/editorStore';
import { engineClient } from '../../../store/trainingStore';
import type { CsvOptions } from './csvOptions';

export type ImportRequest = protocol.RequestOf<'import-data'>['request'];
export type ImportPreview = protocol.MessageOf<'data-imported'>['preview'];
type Contents = Blob | Uint8Array;

export interface NodeImport {
  readonly busy: boolean;
  readonly progress: { readonly bytes: number; readonly total: number } | null;
  /** Why the last import failed, in the reader's language where the engine gave a message. */
  readonly error: Text | null;
  /** The preview of the import that gave the node's current parameters (`key`). */
  readonly preview: { readonly key: string; readonly value: ImportPreview } | null;
  /** The CSV options the user chose in this session. */
  readonly csvOptions: CsvOptions | null;
}

const IDLE: NodeImport = { busy: false, progress: null, error: null, preview: null, csvOptions: null };

interface ImportsState {
  readonly nodes: Readonly<Record<string, NodeImport>>;
  patch(id: string, patch: Partial<NodeImport>): void;
}

export const useImports = create<ImportsState>()((set, get) => ({
  nodes: {},
  patch(id, patch) {
    set({ nodes: { ...get().nodes, [id]: { ...(get().nodes[id] ?? IDLE), ...patch } } });
  },
}));

/** A node's import state (idle when it has none). */
export const importOf = (s: ImportsState, id: string): NodeImport => s.nodes[id] ?? IDLE;

/** What identifies an import's result: the preview shown belongs to exactly these parameters. */
export function previewKey(params: Readonly<Record<string, unknown>>): string {
  const p = g.DataFileParams.safeParse(params);
  if (!p.success) return '';
  const { files, csv, info, width, height, channels, format } = p.data;
  return stableJson({ format, files: files.map((f) => f.sha256), csv, info, ...(format === 'images' ? { width, height, channels } : {}) });
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** The contents the request carries, by the role of the file reference they become. */
function contentsByRole(request: ImportRequest): Map<string, Contents> {
  if (request.format === 'csv') return new Map([['data', request.file.data as Contents]]);
  if (request.format === 'idx') {
    return new Map(Object.entries(request.files).flatMap(([role, f]) => (f ? [[role, f.data as Contents] as const] : [])));
  }
  return new Map();
}

/**
 * Runs an import for node `id` in the toolbar's engine and commits the result as one step.
 * Resolves false when it failed (the error is in the node's import state); the graph is never
 * touched then.
 */
export async function runImport(id: string, request: ImportRequest): Promise<boolean> {
  const { patch } = useImports.getState();
  patch(id, { busy: true, progress: null, error: null });
  let off = () => {};
  try {
    const client = await engineClient();
    off = client.onEvent((m) => {
      // One import runs at a time per editor (the inspector waits for it), so these are ours.
      if (m.type === 'import-progress') patch(id, { progress: { bytes: m.bytes, total: m.total } });
    });
    const reply = await client.request({ type: 'import-data', request }, { transfer: false });
    if (reply.type !== 'data-imported') throw new Error(`unexpected reply '${reply.type}' to 'import-data'`);
    const node = useEditor.getState().graph.nodes.find((n) => n.id === id);
    if (!node) return false;
    const to: Record<string, unknown> = { ...node.params, ...reply.params };
    if (reply.params.format !== 'csv') delete to.csv;
    const parsed = g.DataFileParams.safeParse(to);
    if (!parsed.success) throw new Error(`the engine's import does not fit the node: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    await keepContents(parsed.data, request, reply.packed);
    markSent(client, parsed.data.files.map((f) => f.sha256));
    // The node as it is now (reading the bytes took a moment).
    const current = useEditor.getState().graph.nodes.find((n) => n.id === id);
    if (!current) return false;
    const next = { ...current.params, ...reply.params };
    if (reply.params.format !== 'csv') delete next.csv;
    if (stableJson(g.DataFileParams.safeParse(current.params).data ?? current.params) !== stableJson(parsed.data)) {
      useEditor.getState().commit([{ type: 'setParams', id, from: current.params, to: next }]);
    }
    patch(id, { preview: { key: previewKey(next), value: reply.preview } });
    return true;
  } catch (e) {
    // The engine's message (it says what and where), shown in the language of the moment.
    patch(id, { error: errorText(e) });
    return false;
  } finally {
    off();
    patch(id, { busy: false, progress: null });
  }
}

/** Puts an import's files into the data store: bytes for what the project embeds, else the Blob. */
async function keepContents(params: g.DataFileParams, request: ImportRequest, packed: readonly { sha256: string; bytes: Uint8Array }[]): Promise<void> {
  const embed = g.shouldEmbed(params);
  const byRole = contentsByRole(request);
  const entries = await Promise.all(params.files.map(async (ref): Promise<[string, DataEntry] | null> => {
    const base = { name: ref.name, size: ref.size };
    const bytes = packed.find((p) => p.sha256 === ref.sha256)?.bytes;
    if (bytes) return [ref.sha256, embed ? { ...base, bytes } : { ...base, blob: new Blob([bytes as BlobPart]) }];
    const contents = byRole.get(ref.role) ?? stored(ref.sha256);
    if (!contents) return null;
    if (contents instanceof Uint8Array) return [ref.sha256, { ...base, bytes: contents }];
    return [ref.sha256, embed ? { ...base, blob: contents, bytes: new Uint8Array(await contents.arrayBuffer()) } : { ...base, blob: contents }];
  }));
  useData.getState().put(entries.filter((e) => e !== null));
}

/** A file's contents from the data store: bytes, or the Blob. */
export function stored(sha256: string): Contents | undefined {
  const entry = useData.getState().files.get(sha256);
  return entry?.bytes ?? entry?.blob;
}

/** Bytes of stored contents (a Blob read whole). */
async function bytesOf(contents: Contents): Promise<Uint8Array> {
  return contents instanceof Uint8Array ? contents : new Uint8Array(await contents.arrayBuffer());
}

/** Slices a Blob into chunks for hashing without holding it whole. */
async function* blobChunks(blob: Blob, size = 4 << 20): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < blob.size; at += size) yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + size)).arrayBuffer());
}

/** SHA-256 of a picked file, read in slices. */
export async function hashFile(file: Blob): Promise<string> {
  return (await data.hashSource(blobChunks(file))).sha256;
}

/** An image folder's entries as the import takes them, from packed (stored) contents. */
export async function unpackedEntries(contents: Contents, name: string): Promise<{ path: string; data: Uint8Array }[]> {
  return data.unpackFolder(await bytesOf(contents), name).map((e) => ({ path: e.path, data: e.bytes }));
}

/**
 * A picked folder (`<input webkitdirectory>`): its name (the top folder) and its files, with
 * paths relative to it.
 */
export function folderEntries(files: readonly File[]): { name: string; entries: { path: string; data: File }[] } {
  const entries: { path: string; data: File }[] = [];
  let name = '';
  for (const file of files) {
    const rel = file.webkitRelativePath || file.name;
    const cut = rel.indexOf('/');
    if (!name) name = cut > 0 ? rel.slice(0, cut) : 'images';
    entries.push({ path: cut > 0 ? rel.slice(cut + 1) : rel, data: file });
  }
  return { name: name || 'images', entries };
}

/** The packed archive's SHA-256 of a picked folder (as the import would compute it). */
export async function hashFolder(entries: readonly { path: string; data: File }[]): Promise<{ sha256: string; packed: Uint8Array }> {
  const listing = data.listImageFolder(entries.map((e) => e.path));
  const usable = new Set(listing.files);
  const read = await Promise.all(entries.filter((e) => usable.has(e.path)).map(async (e) => ({ path: e.path, bytes: new Uint8Array(await e.data.arrayBuffer()) })));
  const packed = data.packFolder(read);
  return { sha256: data.sha256Hex(packed), packed };
}
