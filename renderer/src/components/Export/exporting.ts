/**
 * The editor's exports: the project (graph, runs, the trained weights when they belong to the
 * graph as it is) goes to the engine, which writes code, ONNX, safetensors or CSV and sends the
 * files back; a browser then downloads them. The desktop app hands the same files to main
 * instead (desktop/exporting.ts), which asks where and writes them.
 *
 * The engine does the work because code exports carry the data the network trains on (MNIST,
 * the user's files), which only the engine loads.
 */
import { project, type exporter } from '../../../../engine';
import { errorText, tmsg } from '../../i18n';
import { TextError } from '../../i18n/TextError';
import { sendTo } from '../../store/dataStore';
import { useEditor } from '../../store/editorStore';
import { currentWeights, engineClient } from '../../store/trainingStore';
import { showToast } from '../Toast/Toast';
import { downloadBytes, packageForDownload, type FileKind, type NamedBytes } from './download';

export type ExportTarget = exporter.ExportTarget;

/** The menu's entries, in order: the target, its texts, and main's dialog filter. */
export const EXPORT_ITEMS: readonly { readonly target: ExportTarget; readonly label: string; readonly hint: string; readonly kind: FileKind }[] = [
  { target: 'pytorch', label: 'export.pytorch', hint: 'export.pytorchHint', kind: 'python' },
  { target: 'keras', label: 'export.keras', hint: 'export.kerasHint', kind: 'python' },
  { target: 'onnx', label: 'export.onnx', hint: 'export.onnxHint', kind: 'onnx' },
  { target: 'safetensors', label: 'export.safetensors', hint: 'export.safetensorsHint', kind: 'safetensors' },
  { target: 'history', label: 'export.history', hint: 'export.historyHint', kind: 'csv' },
];

/** What decides whether a target can be exported now. */
export interface ExportState {
  readonly nodes: number;
  /** The latest run's weights belong to the graph as it is. */
  readonly hasWeights: boolean;
  /** Runs that finished at least one epoch. */
  readonly runsWithEpochs: number;
}

/** Why `target` cannot be exported now (a catalogue key), or null when it can. */
export function unavailableReason(target: ExportTarget, s: ExportState): string | null {
  if (target === 'history') return s.runsWithEpochs > 0 ? null : 'export.noRuns';
  if (s.nodes === 0) return 'export.noGraph';
  if (target === 'safetensors' && !s.hasWeights) return 'export.noWeights';
  return null;
}

/** The editor's state for `unavailableReason` (reads the stores once). */
export function exportState(): ExportState {
  const { graph, runs } = useEditor.getState();
  const weights = currentWeights();
  return { nodes: graph.nodes.length, hasWeights: !!weights && weights.size > 0, runsWithEpochs: runs.filter((r) => r.epochs.length > 0).length };
}

/**
 * The files of exporting the editor's project as `target`, written by the engine: the main file
 * first. Rejects with the engine's message (an invalid graph, no trained weights, …).
 */
export async function requestExport(target: ExportTarget): Promise<NamedBytes[]> {
  const { projectName, graph, runs } = useEditor.getState();
  const doc: project.Project = { ...project.createProject(projectName, graph), runs };
  const weights = currentWeights();
  const client = await engineClient();
  // Code carries the data it trains on: the engine needs the user's files ("From file" nodes).
  if (target === 'pytorch' || target === 'keras') {
    await sendTo(client, graph).catch((e: unknown) => {
      throw new TextError(tmsg('export.noData', { message: errorText(e) }));
    });
  }
  const reply = await client.request({
    type: 'export', target, project: doc,
    ...(weights ? { weights: [...weights].map(([name, w]) => ({ name, shape: w.shape, data: w.data })) } : {}),
  }, { transfer: false }); // the weights stay the editor's: copied, not handed over
  if (reply.type !== 'exported') throw new TextError(tmsg('app.engine.exportReply', { type: reply.type }));
  if (reply.files.length === 0) throw new TextError(tmsg('app.engine.noFiles'));
  return reply.files;
}

/**
 * Exports the project as `target` in a browser: asks the engine, then downloads the file (or a
 * zip of several). A failure shows the engine's message. Resolves true when a download started.
 */
export async function exportTo(target: ExportTarget, request: (target: ExportTarget) => Promise<NamedBytes[]> = requestExport): Promise<boolean> {
  try {
    const files = await request(target);
    const download = packageForDownload(target, files, useEditor.getState().projectName);
    downloadBytes(download.name, download.bytes);
    showToast(tmsg('export.done', { name: download.name }));
    return true;
  } catch (e) {
    showToast(tmsg('export.failed', { message: errorText(e) }), 'error');
    return false;
  }
}
