/**
 * File ▸ Export in the desktop app: the engine writes the files (code with its data and weights,
 * ONNX, the history as CSV), then main asks where the main file goes and writes them all into
 * that folder (`exportFiles`). What the editor sends main is only names and bytes; main checks
 * that every name is a plain file name.
 */
import type { ExportKind } from '../../../electron/api';
import { tmsg } from '../i18n';
import { TextError } from '../i18n/TextError';
import { baseName, errorText, type Api, type EditorHost } from './model';

export type ExportTarget = 'pytorch' | 'keras' | 'onnx' | 'safetensors' | 'history';

/** One file of an export, the main one first. */
export interface ExportedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The dialog filter of each target's main file. */
export const EXPORT_KIND: Readonly<Record<ExportTarget, ExportKind>> = {
  pytorch: 'python', keras: 'python', onnx: 'onnx', safetensors: 'safetensors', history: 'csv',
};

/**
 * The name the save dialog suggests: code keeps the engine's name (a Python module name, which
 * a project name with spaces is not); a model or a table is named after the project.
 */
export function suggestedName(target: ExportTarget, mainFile: string, projectName: string): string {
  const name = projectName.trim() || 'model';
  switch (target) {
    case 'onnx': return `${name}.onnx`;
    case 'history': return `${name}-history.csv`;
    case 'safetensors': return `${name}.safetensors`;
    default: return mainFile;
  }
}

export class DesktopExporter {
  constructor(
    private readonly api: Pick<Api, 'exportFiles'>,
    private readonly host: Pick<EditorHost, 'toast'>,
    /** Asks the engine for the files of `target` (components/Export/exporting.ts). */
    private readonly request: (target: ExportTarget) => Promise<readonly ExportedFile[]>,
    private readonly projectName: () => string,
  ) {}

  /** Exports `target`: true when the files were written, false when cancelled or failed (and said so). */
  async export(target: ExportTarget): Promise<boolean> {
    try {
      const files = await this.request(target);
      const [main, ...others] = files;
      if (!main) throw new TextError(tmsg('app.engine.noFiles'));
      const written = await this.api.exportFiles({
        files: files.map((f) => ({ name: f.name, bytes: f.bytes })), suggestedName: suggestedName(target, main.name, this.projectName()), kind: EXPORT_KIND[target],
      });
      if (!written) return false;
      const name = baseName(written);
      this.host.toast(others.length
        ? tmsg('desktopUi.exportedWith', { name, files: others.map((f) => f.name).join(', ') })
        : tmsg('desktopUi.exported', { name }));
      return true;
    } catch (e) {
      this.host.toast(tmsg('desktopUi.exportFailed', { message: errorText(e) }), 'error');
      return false;
    }
  }
}
