/**
 * Opening and saving project files in the browser: download / upload, or the File System Access
 * API where the browser has it. The desktop app will route through its main process instead.
 */
import { graph as g, project } from '../../../engine';
import { errorText, type Text } from '../i18n';
import { dataRefs, embeddedData, readEmbeddable, useData, type DataEntry } from '../store/dataStore';
import { useEditor } from '../store/editorStore';
import { currentWeights } from '../store/trainingStore';

/** A damaged file says why, in the reader's language (the file error's message). */
export type OpenResult = { ok: true; name: string } | { ok: false; message: Text };

/** Loads `.dwire` bytes into the editor; a damaged file changes nothing. */
export function openBytes(bytes: Uint8Array, fileName: string): OpenResult {
  const result = project.loadProject(bytes, { isKnownKind: g.isKnownKind });
  if (!result.ok) return { ok: false, message: errorText(result.error) };
  const name = result.project.name || fileName.replace(/\.dwire$/i, '');
  // Embedded data first, so the "From file" nodes find them when they show.
  if (result.data) useData.getState().put(embeddedEntries(result.project.graph, result.data));
  useEditor.getState().load(name, result.project.graph, result.project.runs);
  return { ok: true, name };
}

/** Data a project file embeds, as data-store entries named after the references to them. */
export function embeddedEntries(graph: g.Graph, data: ReadonlyMap<string, Uint8Array>): [string, DataEntry][] {
  const names = new Map(dataRefs(graph).map((f) => [f.sha256, f.name]));
  return [...data].map(([sha256, bytes]) => [sha256, { name: names.get(sha256) ?? sha256.slice(0, 12), size: bytes.length, bytes }]);
}

/**
 * The editor's project as `.dwire` bytes (the store is the only model; this is its
 * serialisation), with the data of "From file" nodes that embed theirs.
 */
export function projectBytes(): Uint8Array {
  const { projectName, graph, runs } = useEditor.getState();
  return project.saveProject({ ...project.createProject(projectName, graph), runs }, currentWeights(), { data: embeddedData(graph) });
}

export function fileNameFor(name: string): string {
  return `${name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'untitled'}.dwire`;
}

/** Saves through a download (or the File System Access API's save dialog when present). */
export async function saveToDisk(): Promise<string | null> {
  // Data whose node was just set to embed may still be a File being read.
  await readEmbeddable(useEditor.getState().graph);
  const bytes = projectBytes();
  const name = fileNameFor(useEditor.getState().projectName);
  const picker = (globalThis as { showSaveFilePicker?: (o: unknown) => Promise<{ createWritable(): Promise<{ write(d: Uint8Array): Promise<void>; close(): Promise<void> }> }> }).showSaveFilePicker;
  if (picker && !navigator.webdriver) {
    try {
      const handle = await picker({ suggestedName: name, types: [{ description: 'DeepWire project', accept: { 'application/zip': ['.dwire'] } }] });
      const w = await handle.createWritable();
      await w.write(bytes);
      await w.close();
      useEditor.getState().markSaved();
      return name;
    } catch (e) {
      if ((e as Error).name === 'AbortError') return null;
      throw e;
    }
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  useEditor.getState().markSaved();
  return name;
}
