/**
 * Exports: a project as PyTorch or Keras code (with its data and weights beside it), as ONNX for
 * inference, its weights as safetensors, its history as CSV. Every writer reads the same
 * `ExportModel`, built from the graph the engine trains.
 */
import { strToU8 } from 'fflate';
import type { DatasetSources } from '../data/builtins';
import { msg } from '../i18n/message';
import type { NamedTensor } from '../graph/weights';
import { encodeSafetensors, type TensorData } from '../project/safetensors';
import type { Project } from '../project/schema';
import { exportData } from './data';
import { historyCsv } from './history';
import { exportKeras } from './keras';
import { ExportError, exportModel } from './model';
import { exportOnnx } from './onnx';
import { exportPytorch } from './pytorch';

export { ExportError, exportModel, identifier, type ExportModel, type ExportStep } from './model';
export { exportData, type ExportData } from './data';
export { historyCsv, csvField, HISTORY_COLUMNS } from './history';
export { exportOnnx, ONNX_OPSET } from './onnx';
export { exportPytorch } from './pytorch';
export { exportKeras } from './keras';

export const EXPORT_TARGETS = ['pytorch', 'keras', 'onnx', 'safetensors', 'history'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** The file names an export writes beside its main file. */
export const DATA_FILE = 'data.safetensors';
export const WEIGHTS_FILE = 'weights.safetensors';

export interface ExportFile {
  /** A file name (no folders); the first file is the main one. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ExportInput {
  readonly project: Project;
  /** The project's trained weights, if any. */
  readonly weights?: ReadonlyMap<string, NamedTensor | TensorData>;
  /** Where the data come from (MNIST, the user's files). Needed by 'pytorch' and 'keras'. */
  readonly sources?: DatasetSources;
  /** The main file's name (default DEFAULT_FILE[target]). */
  readonly mainName?: string;
}

/** Default file names per target. */
export const DEFAULT_FILE: Record<ExportTarget, string> = {
  pytorch: 'model.py',
  keras: 'model_keras.py',
  onnx: 'model.onnx',
  safetensors: WEIGHTS_FILE,
  history: 'history.csv',
};

/**
 * The files of one export. Throws ExportError (or GraphError) with a message for the user: an
 * invalid graph, weights that do not fit, no trained weights for 'safetensors', no runs for
 * 'history'.
 */
export async function exportProject(target: ExportTarget, input: ExportInput): Promise<ExportFile[]> {
  const { project } = input;
  const weights = input.weights as ReadonlyMap<string, NamedTensor> | undefined;
  switch (target) {
    case 'history': {
      if (!project.runs.some((r) => r.epochs.length > 0)) throw new ExportError(msg('exportError.noHistory'));
      return [{ name: input.mainName ?? DEFAULT_FILE.history, bytes: strToU8(historyCsv(project.runs)) }];
    }
    case 'safetensors': {
      if (!weights) throw new ExportError(msg('exportError.noWeights'));
      exportModel(project.graph, { weights });
      return [{ name: input.mainName ?? WEIGHTS_FILE, bytes: encodeSafetensors(weights as ReadonlyMap<string, TensorData>, { format: 'pt' }) }];
    }
    case 'onnx': {
      const model = exportModel(project.graph, { name: project.name, weights });
      return [{ name: input.mainName ?? DEFAULT_FILE.onnx, bytes: exportOnnx(model) }];
    }
    case 'pytorch':
    case 'keras': {
      const model = exportModel(project.graph, { name: project.name, weights });
      const data = await exportData(project.graph, input.sources);
      const write = target === 'pytorch' ? exportPytorch : exportKeras;
      const code = write(model, { dataFile: DATA_FILE, weightsFile: WEIGHTS_FILE, projectName: project.name });
      const files: ExportFile[] = [
        { name: input.mainName ?? DEFAULT_FILE[target], bytes: strToU8(code) },
        { name: DATA_FILE, bytes: encodeSafetensors(data.tensors as ReadonlyMap<string, TensorData>) },
      ];
      if (weights) files.push({ name: WEIGHTS_FILE, bytes: encodeSafetensors(weights as ReadonlyMap<string, TensorData>, { format: 'pt' }) });
      return files;
    }
  }
}
