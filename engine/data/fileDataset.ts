/**
 * Loads a "From file" data node's data through the host: the host resolves each file reference
 * to its bytes (embedded in the project, a file on disk, a file the user picked in this
 * session), and the parsers in ./files turn them into a Dataset. The result is checked against
 * what the import recorded, so a file that changed since shows as such, not as a shape error.
 */
import type { DataFileParams } from '../graph/nodes/dataFile';
import { msg, type Message } from '../i18n/message';
import type { DatasetSources } from './builtins';
import { defineDataset, DatasetError, featureSize, type Dataset } from './Dataset';
import { DataFileMissingError, unpackFolder, type FileRef, type FileRole } from './fileRef';
import { loadCsv } from './files/csv';
import { idxDataset, type IdxFiles } from './files/idx';
import { decodeImage, imageFolderDataset } from './files/images';
import { quote, readAll, type ByteSource } from './files/source';

/** How a host hands the engine the bytes of a file reference. */
export type FileResolver = (ref: FileRef) => Promise<ByteSource>;

function need(p: DataFileParams, role: FileRole): FileRef {
  const ref = p.files.find((f) => f.role === role);
  if (!ref) throw new DatasetError(msg('dataError.file.noRole', { format: p.format.toUpperCase(), role: quote(role) }));
  return ref;
}

async function open(sources: DatasetSources, ref: FileRef): Promise<ByteSource> {
  if (!sources.files) {
    throw new DataFileMissingError(msg('dataError.file.hostCannotRead', { name: quote(ref.name) }), ref);
  }
  return sources.files(ref);
}

/** Loads the node's data set. Throws DatasetError (a parser's, or DataFileMissingError) naming the file. */
export async function loadFileDataset(p: DataFileParams, sources: DatasetSources = {}): Promise<Dataset> {
  if (!p.info) throw new DatasetError(msg('dataError.file.notImported'));
  let dataset: Dataset;
  switch (p.format) {
    case 'csv': {
      if (!p.csv) throw new DatasetError(msg('dataError.file.noSchema'));
      const ref = need(p, 'data');
      dataset = await loadCsv(await open(sources, ref), ref.name, p.csv);
      break;
    }
    case 'idx': {
      const files: Partial<IdxFiles> = {};
      const names: Partial<Record<keyof IdxFiles, string>> = {};
      for (const role of ['images', 'labels', 'testImages', 'testLabels'] as const) {
        const ref = p.files.find((f) => f.role === role);
        if (!ref) continue;
        files[role] = await readAll(await open(sources, ref));
        names[role] = ref.name;
      }
      if (!files.images || !files.labels) need(p, files.images ? 'labels' : 'images');
      if (Boolean(files.testImages) !== Boolean(files.testLabels)) need(p, files.testImages ? 'testLabels' : 'testImages');
      dataset = idxDataset(files as IdxFiles, names.images ?? 'idx', names);
      break;
    }
    case 'images': {
      const ref = need(p, 'folder');
      const entries = unpackFolder(await readAll(await open(sources, ref)), ref.name);
      dataset = await imageFolderDataset(entries, ref.name, { width: p.width, height: p.height, channels: p.channels }, sources.decodeImage ?? decodeImage);
      break;
    }
  }
  return checkAgainstInfo(p, dataset);
}

function checkAgainstInfo(p: DataFileParams, d: Dataset): Dataset {
  const info = p.info!;
  const name = p.files[0]?.name ?? d.name;
  const shape = d.featureShape.join('×');
  const problems: Message[] = [];
  if (shape !== info.featureShape.join('×')) problems.push(msg('dataError.file.mismatchShape', { shape, recorded: info.featureShape.join('×') }));
  if (d.task !== info.task) problems.push(msg('dataError.file.mismatchTask', { task: msg(`dataError.task.${d.task}`), recorded: msg(`dataError.task.${info.task}`) }));
  const classes = d.task === 'classification' ? d.classes : d.targetSize;
  if (classes !== info.classes) {
    problems.push(msg(d.task === 'classification' ? 'dataError.file.mismatchClasses' : 'dataError.file.mismatchTargets', { count: classes, recorded: info.classes }));
  }
  if (problems.length) {
    // 'a; b; c', in the reader's language: each problem is a message of its own.
    const list = problems.reduce((first, rest) => msg('dataError.join', { first, rest }));
    throw new DatasetError(msg('dataError.file.mismatch', { name: quote(name), problems: list }));
  }
  if (featureSize(d) === 0) throw new DatasetError(msg('dataError.file.noFeatures', { name: quote(name) }));
  return defineDataset(d);
}
