/**
 * The `.dwire` project file: save and load, the format's schema, and the safetensors codec.
 * Reading the file from disk is the host's job (engine/hosts/node/files.ts in Node).
 */
export { saveProject, loadProject, ownerNode, DEFAULT_LOAD_LIMITS, WEIGHTS_SAFETENSORS, DATA_PREFIX, dataEntryName } from './container';
export type { LoadLimits, LoadOptions, LoadResult } from './container';
export { ProjectFileError, type ProjectFileReason, type ProjectFileErrorDetails } from './errors';
export { createProject, parseProject, readProjectJson, writeProjectJson, formatIssues, PROJECT_JSON } from './format';
export type { ProjectParseOptions } from './format';
export { MIGRATIONS, OLDEST_FORMAT_VERSION, type Migration } from './migrations';
export {
  CURRENT_FORMAT_VERSION,
  FORMAT_NAME,
  ProjectSchema,
  RunRecordSchema,
  EpochRecordSchema,
  TrainingSettingsSchema,
  type Project,
  type ProjectInput,
  type RunRecord,
  type EpochRecord,
  type TrainingSettings,
  type AppInfo,
} from './schema';
export { encodeSafetensors, decodeSafetensors, DEFAULT_SAFETENSORS_LIMITS } from './safetensors';
export type { TensorData, DecodedSafetensors, SafetensorsLimits } from './safetensors';
