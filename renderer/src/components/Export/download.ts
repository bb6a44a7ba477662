/**
 * Where exported files go. In a browser: a download — one file as itself, several (code with its
 * data and weights) as one .zip, so they arrive together in one folder and the script finds its
 * data beside it. In the desktop app: main's save dialog (window.deepwire), which writes them.
 */
import { zipSync } from 'fflate';

/** One exported file: a plain name (no folders) and its bytes. */
export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The file kinds main's export dialog filters by (electron/api.ts). */
export type FileKind = 'safetensors' | 'csv' | 'png' | 'svg' | 'python' | 'onnx';

const MIME: Record<string, string> = {
  zip: 'application/zip',
  onnx: 'application/octet-stream',
  safetensors: 'application/octet-stream',
  csv: 'text/csv',
  py: 'text/x-python',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** The MIME type of a file name by its extension. */
export function mimeOf(name: string): string {
  return MIME[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * A project name as the start of a file name: characters some system refuses become '-',
 * spaces stay (every system takes them), and an empty result becomes `fallback`.
 */
export function fileStem(name: string, fallback = 'model'): string {
  const visible = [...name].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 ? '-' : ch)).join('');
  const cleaned = visible.replace(/[\\/:*?"<>|]/g, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 120);
  return cleaned === '' ? fallback : cleaned;
}

/**
 * What a browser download of an export is: a single file under a name that says which project
 * it came from (`XOR.onnx`, `XOR-history.csv`), or a zip of several (`XOR-pytorch.zip`) whose
 * entries keep the engine's names, which the exported script refers to.
 */
export function packageForDownload(target: string, files: readonly NamedBytes[], projectName: string): NamedBytes {
  const stem = fileStem(projectName);
  if (files.length === 1) {
    const [only] = files;
    const ext = only.name.slice(only.name.lastIndexOf('.'));
    const name = target === 'onnx' ? `${stem}${ext}` : `${stem}-${only.name.replace(/\.[^.]*$/, '')}${ext}`;
    return { name, bytes: only.bytes };
  }
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  // Weights and data are float32 noise to a compressor: stored, not deflated (much faster, barely bigger).
  for (const f of files) entries[f.name] = [f.bytes, { level: f.name.endsWith('.safetensors') ? 0 : 6 }];
  return { name: `${stem}-${target}.zip`, bytes: zipSync(entries) };
}

/** Starts a browser download of `bytes` named `name`. */
export function downloadBytes(name: string, bytes: Uint8Array): void {
  downloadBlob(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeOf(name) }));
}

/** Starts a browser download of `blob` named `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked late, as FileSaver.js does: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

/**
 * Saves one file the way the app saves: main's save dialog in the desktop app (the chosen path,
 * or null when cancelled), a download in a browser (its name).
 */
export async function saveFile(name: string, bytes: Uint8Array, kind: FileKind): Promise<string | null> {
  const desktop = globalThis.window?.deepwire;
  if (desktop) return desktop.exportFile({ bytes, suggestedName: name, kind });
  downloadBytes(name, bytes);
  return name;
}
