/**
 * Smaller pieces of the "From file" inspector: the summary line, the notice for data a project
 * refers to but does not hold (with a picker per file), the file pickers and the image-size inputs.
 */
import { useState, type ChangeEvent } from 'react';
import { graph as g } from '../../../../../engine';
import { useLocale } from '../../../i18n';

type Params = g.DataFileParams;
type FileRef = Params['files'][number];

/** Bytes in the locale's words: "4.1 kB", "12 MB". */
export function formatSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let u = 0;
  while (value >= 1000 && u < units.length - 1) {
    value /= 1000;
    u++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[u], unitDisplay: 'short', maximumFractionDigits: u === 0 ? 0 : 1 }).format(value);
}

/** Samples, features (or shape), classes (or regression targets), size, and where the data live. */
export function Summary({ params }: { readonly params: Params }) {
  const { t, locale } = useLocale();
  const { info, files } = params;
  if (!info || files.length === 0) return <p className="dw-datafile-muted" data-testid="datafile-summary" data-samples="0">{t('datafile.none')}</p>;
  const size = files.reduce((n, f) => n + f.size, 0);
  const classes = info.classNames?.length ? `${t('datafile.summary.classes', { count: info.classes })} (${info.classNames.slice(0, 6).join(', ')}${info.classNames.length > 6 ? ', …' : ''})` : t('datafile.summary.classes', { count: info.classes });
  const parts = [
    t('datafile.summary.samples', { count: info.samples }),
    ...(info.testSamples ? [t('datafile.summary.test', { count: info.testSamples })] : []),
    info.featureShape.length === 1
      ? t('datafile.summary.features', { count: info.featureShape[0] })
      : t('datafile.summary.shape', { shape: info.featureShape.join('×') }),
    info.task === 'classification' ? classes : t('datafile.summary.targets', { count: info.classes }),
    formatSize(size, locale),
    t(g.shouldEmbed(params) ? 'datafile.summary.embedded' : 'datafile.summary.referenced'),
  ];
  return (
    <p className="dw-datafile-summary" data-testid="datafile-summary" data-samples={info.samples} data-classes={info.classes}
      data-embedded={g.shouldEmbed(params)}>
      {parts.join(' · ')}
    </p>
  );
}

/** The data the node refers to that this editor does not have, each with a picker. */
export function MissingNotice({ refs, disabled, onFile }: {
  readonly refs: readonly FileRef[]; readonly disabled: boolean; readonly onFile: (ref: FileRef, files: File[]) => void;
}) {
  const { t, locale } = useLocale();
  return (
    <div className="dw-datafile-missing" role="alert" data-testid="datafile-missing">
      {refs.map((ref) => (
        <div key={ref.sha256} data-role={ref.role}>
          <FilePicker label={t(ref.role === 'folder' ? 'datafile.missingFolder' : 'datafile.missing', { name: ref.name, size: formatSize(ref.size, locale) })}
            testId={`datafile-missing-${ref.role}`} folder={ref.role === 'folder'} disabled={disabled} onFiles={(files) => onFile(ref, files)} />
        </div>
      ))}
      <p>{t('datafile.missingNote')}</p>
    </div>
  );
}

type Size = Pick<Params, 'width' | 'height' | 'channels'>;

/** Width, height and channels of an image folder's samples; applied on Enter or when leaving a box. */
export function ImageSize({ width, height, channels, disabled, onApply }: Size & { readonly disabled: boolean; readonly onApply: (size: Size) => void }) {
  const { t } = useLocale();
  const [draft, setDraft] = useState({ width: String(width), height: String(height) });
  const [shown, setShown] = useState({ width, height });
  if (shown.width !== width || shown.height !== height) {
    // The node changed (an import, undo): the boxes follow.
    setShown({ width, height });
    setDraft({ width: String(width), height: String(height) });
  }
  const valid = (s: string) => /^\d+$/.test(s.trim()) && Number(s) >= 1 && Number(s) <= 512;
  const apply = () => {
    if (!valid(draft.width) || !valid(draft.height)) return setDraft({ width: String(width), height: String(height) });
    const next = { width: Number(draft.width), height: Number(draft.height), channels };
    if (next.width !== width || next.height !== height) onApply(next);
  };
  const box = (key: 'width' | 'height') => (
    <input type="number" min={1} max={512} step={1} data-testid={`datafile-${key}`} aria-label={t(`datafile.images.${key}`)} disabled={disabled}
      value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }} />
  );
  return (
    <div className="dw-datafile-section">
      <h3>{t('datafile.images.size')}</h3>
      <div className="dw-datafile-size">
        {box('width')}<span aria-hidden>×</span>{box('height')}
        <select data-testid="datafile-channels" aria-label={t('datafile.images.channels')} disabled={disabled} value={channels}
          onChange={(e) => onApply({ width, height, channels: Number(e.target.value) as 1 | 3 })}>
          <option value={1}>{t('datafile.images.gray')}</option>
          <option value={3}>{t('datafile.images.rgb')}</option>
        </select>
      </div>
      <p className="dw-datafile-muted">{t('datafile.images.sizeHint')}</p>
    </div>
  );
}

/** A file (or folder) input with its label and the name of the file in use. */
export function FilePicker({ label, testId, accept, folder, current, disabled, onFiles }: {
  readonly label: string; readonly testId: string; readonly accept?: string; readonly folder?: boolean;
  readonly current?: string; readonly disabled: boolean; readonly onFiles: (files: File[]) => void;
}) {
  const { t } = useLocale();
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = Array.from(e.target.files ?? []);
    // Cleared, so choosing the same file again is a change too.
    e.target.value = '';
    if (picked.length) onFiles(picked);
  };
  // React does not know the directory-picking attributes; they are passed as they are.
  const directory = folder ? { webkitdirectory: '', directory: '' } : {};
  return (
    <label className="dw-datafile-file">
      <span>{label}</span>
      <input type="file" data-testid={testId} accept={accept} multiple={folder} disabled={disabled} onChange={change} {...directory} />
      {current && <span className="dw-datafile-muted">{t('datafile.chosen', { name: current })}</span>}
    </label>
  );
}
