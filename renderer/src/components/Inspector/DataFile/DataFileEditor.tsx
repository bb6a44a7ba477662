/**
 * The "From file" node's own inspector: the file type, the file pickers, how a CSV is read, what
 * the import found (a preview, bad rows, image samples, a summary), and — for a project opened
 * without its data — which file is missing. Imports run in the engine (imports.ts); their
 * result is one undoable parameter change. An import that fails says why here and changes
 * nothing.
 */
import { useState } from 'react';
import { graph as g } from '../../../../../engine';
import { errorText, tmsg, useLocale, type Text } from '../../../i18n';
import { useData } from '../../../store/dataStore';
import { useEditor } from '../../../store/editorStore';
import { applyCsvChange, AUTO_OPTIONS, optionsFromSchema, type CsvChange, type CsvOptions } from './csvOptions';
import { CsvSettings } from './CsvSettings';
import { CsvPreview, ProblemList, SampleGrid } from './DataPreview';
import { folderEntries, hashFile, hashFolder, importOf, previewKey, runImport, stored, unpackedEntries, useImports, type ImportRequest } from './imports';
import { FilePicker, ImageSize, MissingNotice, Summary } from './parts';
import './DataFile.css';

type Params = g.DataFileParams;
type FileRef = Params['files'][number];
type IdxRole = 'images' | 'labels' | 'testImages' | 'testLabels';
const IDX_ROLES: readonly IdxRole[] = ['images', 'labels', 'testImages', 'testLabels'];

const parse = (raw: Record<string, unknown> | undefined): Params => g.DataFileParams.safeParse(raw ?? {}).data ?? g.DataFileParams.parse({});

export function DataFileEditor({ id }: { readonly id: string }) {
  const { t, tm } = useLocale();
  const raw = useEditor((s) => s.graph.nodes.find((n) => n.id === id)?.params);
  const params = parse(raw);
  const state = useImports((s) => importOf(s, id));
  const files = useData((s) => s.files);
  const [pendingIdx, setPendingIdx] = useState<Partial<Record<IdxRole, File>>>({});
  const [hint, setHint] = useState<Text | null>(null);
  if (!raw) return null;

  const busy = state.busy;
  const missing = params.files.filter((f) => !files.has(f.sha256));
  const preview = state.preview && state.preview.key === previewKey(raw) ? state.preview.value : null;
  const csvRef = params.format === 'csv' ? params.files.find((f) => f.role === 'data') : undefined;
  const csvOptions: CsvOptions = state.csvOptions ?? (params.csv ? optionsFromSchema(params.csv) : AUTO_OPTIONS);

  const setFormat = (format: Params['format']) => {
    if (format === params.format) return;
    const to: Record<string, unknown> = { ...raw, format };
    // Another file type needs other files: the old import goes (undo brings it back).
    delete to.files;
    delete to.csv;
    delete to.info;
    useEditor.getState().commit([{ type: 'setParams', id, from: raw, to }]);
    setPendingIdx({});
    setHint(null);
  };

  /**
   * A file chosen for a reference whose data are missing: the same contents (by hash) just fill
   * the gap; other contents are imported instead only if the user agrees.
   */
  const supply = async (ref: FileRef | undefined, name: string, sha256: () => Promise<{ sha256: string; bytes?: Uint8Array }>, blob?: Blob): Promise<'supplied' | 'import' | 'cancel'> => {
    if (!ref || files.has(ref.sha256)) return 'import';
    const found = await sha256();
    if (found.sha256 === ref.sha256) {
      const bytes = found.bytes ?? (g.shouldEmbed(params) && blob ? new Uint8Array(await blob.arrayBuffer()) : undefined);
      useData.getState().put([[ref.sha256, { name: ref.name, size: ref.size, ...(bytes ? { bytes } : {}), ...(blob ? { blob } : {}) }]]);
      return 'supplied';
    }
    return window.confirm(t('datafile.confirmReimport', { name, ref: ref.name })) ? 'import' : 'cancel';
  };

  const importCsv = (request: Extract<ImportRequest, { format: 'csv' }>['file'], options: CsvOptions) => {
    useImports.getState().patch(id, { csvOptions: options });
    void runImport(id, { format: 'csv', file: request, options });
  };

  const chooseCsv = async (file: File) => {
    const answer = await supply(csvRef, file.name, async () => ({ sha256: await hashFile(file) }), file);
    if (answer !== 'import') return;
    // Another file: its columns are found afresh; the missing-value policy stays.
    importCsv({ name: file.name, path: '', data: file }, { ...AUTO_OPTIONS, missing: csvOptions.missing });
  };

  const changeCsv = (change: CsvChange) => {
    const contents = csvRef && stored(csvRef.sha256);
    if (!csvRef || !contents) return;
    importCsv({ name: csvRef.name, path: csvRef.path, data: contents }, applyCsvChange(csvOptions, params.csv, change));
  };

  const chooseIdx = async (role: IdxRole, file: File) => {
    const ref = params.files.find((f) => f.role === role);
    const answer = await supply(ref, file.name, async () => ({ sha256: await hashFile(file) }), file);
    if (answer !== 'import') return;
    const chosen = { ...pendingIdx, [role]: file };
    const wire: Partial<Record<IdxRole, { name: string; path: string; data: Blob | Uint8Array }>> = {};
    for (const r of IDX_ROLES) {
      const picked = chosen[r];
      const old = params.files.find((f) => f.role === r);
      const contents = picked ?? (old && stored(old.sha256));
      if (contents) wire[r] = { name: picked?.name ?? old!.name, path: picked ? '' : old!.path, data: contents };
    }
    const lacking = !wire.images ? 'images' : !wire.labels ? 'labels' : null;
    if (lacking || Boolean(wire.testImages) !== Boolean(wire.testLabels)) {
      setPendingIdx(chosen);
      setHint(lacking
        ? tmsg('datafile.idxPending', { names: Object.values(chosen).map((f) => f.name).join(', '), role: tmsg(`datafile.role.${lacking}`) })
        : tmsg('datafile.idxTestPair'));
      return;
    }
    setHint(null);
    if (await runImport(id, { format: 'idx', files: wire })) setPendingIdx({});
  };

  const chooseFolder = async (picked: File[]) => {
    if (picked.length === 0) return;
    const { name, entries } = folderEntries(picked);
    const ref = params.files.find((f) => f.role === 'folder');
    const answer = await supply(ref, name, () => hashFolder(entries).then(({ sha256, packed }) => ({ sha256, bytes: packed })));
    if (answer !== 'import') return;
    void runImport(id, { format: 'images', name, path: '', entries, width: params.width, height: params.height, channels: params.channels });
  };

  /** Image size: with a folder imported, the folder is read again at the new size. */
  const resize = async (size: Pick<Params, 'width' | 'height' | 'channels'>) => {
    const ref = params.files.find((f) => f.role === 'folder');
    const contents = ref && stored(ref.sha256);
    if (params.format === 'images' && ref && contents) {
      void runImport(id, { format: 'images', name: ref.name, path: ref.path, entries: await unpackedEntries(contents, ref.name), ...size });
    } else {
      useEditor.getState().commit([{ type: 'setParams', id, from: raw, to: { ...raw, ...size } }]);
    }
  };

  /** Reads the data again for the preview (a project just opened has none). */
  const showPreview = () => {
    if (params.format === 'csv') changeCsv({ option: 'missing', value: csvOptions.missing ?? 'error' });
    else if (params.format === 'images') attempt(() => resize({ width: params.width, height: params.height, channels: params.channels }));
  };

  /**
   * Runs what a pick starts. What fails before the engine's import (hashing a folder that has
   * no class folders, reading a file that went away) shows where an import error would.
   */
  const attempt = (work: () => Promise<unknown>) => {
    work().catch((e: unknown) => useImports.getState().patch(id, { error: errorText(e) }));
  };

  const canPreview = !preview && !busy && missing.length === 0 && params.files.length > 0 && params.format !== 'idx';
  return (
    <section className="dw-datafile" data-testid="datafile-editor" aria-busy={busy}>
      <label className="dw-datafile-row">
        <span>{t('datafile.format')}</span>
        <select data-testid="datafile-format" value={params.format} disabled={busy} onChange={(e) => setFormat(e.target.value as Params['format'])}>
          {g.DATA_FILE_FORMATS.map((f) => <option key={f} value={f}>{t(`datafile.format.${f}`)}</option>)}
        </select>
      </label>
      <p className="dw-datafile-muted">{t(`datafile.formatHint.${params.format}`)}</p>

      {missing.length > 0 && <MissingNotice refs={missing} disabled={busy} onFile={(ref, picked) => {
        if (ref.role === 'folder') attempt(() => chooseFolder(picked));
        else if (ref.role === 'data') attempt(() => chooseCsv(picked[0]));
        else attempt(() => chooseIdx(ref.role as IdxRole, picked[0]));
      }} />}

      {params.format === 'csv' && (
        <FilePicker label={t('datafile.chooseCsv')} testId="datafile-file-csv" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          current={csvRef?.name} disabled={busy} onFiles={(f) => attempt(() => chooseCsv(f[0]))} />
      )}
      {params.format === 'idx' && IDX_ROLES.map((role) => (
        <FilePicker key={role} label={t(`datafile.role.${role}`)} testId={`datafile-file-${role}`}
          current={pendingIdx[role]?.name ?? params.files.find((f) => f.role === role)?.name} disabled={busy} onFiles={(f) => attempt(() => chooseIdx(role, f[0]))} />
      ))}
      {params.format === 'images' && (
        <>
          <FilePicker label={t('datafile.chooseFolder')} testId="datafile-folder" folder current={params.files[0]?.name} disabled={busy} onFiles={(f) => attempt(() => chooseFolder(f))} />
          <ImageSize width={params.width} height={params.height} channels={params.channels} disabled={busy} onApply={(s) => attempt(() => resize(s))} />
        </>
      )}
      {hint && <p className="dw-datafile-muted" data-testid="datafile-hint">{tm(hint)}</p>}

      {busy && (
        <div className="dw-datafile-progress" data-testid="datafile-progress">
          <span>{t('datafile.importing')}</span>
          {state.progress ? <progress value={state.progress.bytes} max={state.progress.total} /> : <progress />}
        </div>
      )}
      {state.error && <p className="dw-datafile-error" role="alert" data-testid="datafile-error">{t('datafile.importFailed', { message: tm(state.error) })}</p>}

      <Summary params={params} />
      {canPreview && <button type="button" className="dw-datafile-button" data-testid="datafile-show-preview" onClick={showPreview}>{t('datafile.showPreview')}</button>}

      {params.format === 'csv' && csvRef && (
        <CsvSettings options={csvOptions} schema={params.csv} disabled={busy || missing.length > 0} onChange={changeCsv} />
      )}
      {preview?.problems && <ProblemList problems={preview.problems} />}
      {preview?.rows && <CsvPreview preview={preview} />}
      {preview?.samples && <SampleGrid samples={preview.samples} classNames={params.info?.classNames ?? []} />}
      {preview?.skipped && preview.skipped.length > 0 && (
        <p className="dw-datafile-muted" data-testid="datafile-skipped">
          {t('datafile.skipped', { count: preview.skipped.length, names: preview.skipped.slice(0, 5).join(', ') + (preview.skipped.length > 5 ? ', …' : '') })}
        </p>
      )}
    </section>
  );
}
