/**
 * Opening and saving project files in the browser: download / upload, or the File System Access
 * API where the browser has it. The desktop app will route through its main process instead.
 */
import { graph as g, project } from '../../../engine';
import { useEditor } from '../store/editorStore';
import { currentWeights } from '../store/trainingStore';

export type OpenResult = { ok: true; name: string } | { ok: false; message: string };

/** Loads `.dwire` bytes into the editor; a damaged file changes nothing. */
export function openBytes(bytes: Uint8Array, fileName: string): OpenResult {
  const result = project.loadProject(bytes, { isKnownKind: g.isKnownKind });
  if (!result.ok) return { ok: false, message: result.error.message };
  const name = result.project.name || fileName.replace(/\.dwire$/i, '');
  useEditor.getState().load(name, result.project.graph, result.project.runs);
  return { ok: true, name };
}

/** The editor's project as `.dwire` bytes (the store is the only model; this is its serialisation). */
export function projectBytes(): Uint8Array {
  const { projectName, graph, runs } = useEditor.getState();
  return project.saveProject({ ...project.createProject(projectName, graph), runs }, currentWeights());
}

export function fileNameFor(name: string): string {
  return `${name.replace(/[\\/:*?"<>|]+/g, '-').trim() || 'untitled'}.dwire`;
}

/** Saves through a download (or the File System Access API's save dialog when present). */
export async function saveToDisk(): Promise<string | null> {
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
