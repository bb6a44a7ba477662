/**
 * What an import showed: a CSV's first rows under its header and the rows it cannot use (line,
 * column, reason), or an image folder's samples grouped by class, each at the size the network
 * will see them (enlarged, pixelated).
 */
import { useEffect, useMemo, useRef } from 'react';
import { useLocale } from '../../../i18n';
import type { ImportPreview } from './imports';

export function CsvPreview({ preview }: { readonly preview: ImportPreview }) {
  const { t } = useLocale();
  const { header = [], rows = [] } = preview;
  return (
    <div className="dw-datafile-section">
      <h3>{t('datafile.preview')}</h3>
      <div className="dw-datafile-scroll">
        <table className="dw-datafile-table" data-testid="datafile-preview">
          <thead><tr>{header.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {rows.map((row, r) => <tr key={r}>{row.map((cell, c) => <td key={c}>{cell}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ProblemList({ problems }: { readonly problems: NonNullable<ImportPreview['problems']> }) {
  const { t, tm } = useLocale();
  if (problems.length === 0) return null;
  return (
    <div className="dw-datafile-section">
      <h3>{t('datafile.problems', { count: problems.length })}</h3>
      <ul className="dw-datafile-problems" data-testid="datafile-problems">
        {problems.map((p, i) => (
          <li key={i} data-line={p.line}>
            {p.column !== undefined
              ? t('datafile.problemColumn', { line: p.line, column: p.column, reason: tm(p.msg ?? p.reason) })
              : t('datafile.problem', { line: p.line, reason: tm(p.msg ?? p.reason) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Samples = NonNullable<ImportPreview['samples']>;

/** CSS pixels per image pixel: small images are enlarged to about 40 px. */
const scaleFor = (size: number) => Math.max(1, Math.min(4, Math.floor(40 / size)));

export function SampleGrid({ samples, classNames }: { readonly samples: Samples; readonly classNames: readonly string[] }) {
  const { t } = useLocale();
  const [n, h, w, c] = samples.shape;
  const byClass = useMemo(() => {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const label = samples.labels[i];
      groups.set(label, [...(groups.get(label) ?? []), i]);
    }
    return [...groups].sort(([a], [b]) => a - b);
  }, [samples, n]);
  return (
    <div className="dw-datafile-section">
      <h3>{t('datafile.samples')}</h3>
      <div className="dw-datafile-samples" data-testid="datafile-samples">
        {byClass.map(([label, indices]) => {
          const name = classNames[label] ?? String(label);
          return (
            <div key={label} className="dw-datafile-sample-row" data-class={name}>
              <span className="dw-datafile-sample-name">{t('datafile.sampleClass', { name, count: indices.length })}</span>
              <ClassStrip pixels={samples.pixels} indices={indices} width={w} height={h} channels={c} label={name} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One class's samples side by side on one canvas. */
function ClassStrip({ pixels, indices, width, height, channels, label }: {
  readonly pixels: Float32Array; readonly indices: readonly number[]; readonly width: number; readonly height: number; readonly channels: number; readonly label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const gap = 1;
  const total = indices.length * (width + gap) - gap;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const size = width * height * channels;
    indices.forEach((sample, k) => {
      const rgba = new Uint8ClampedArray(width * height * 4);
      for (let p = 0; p < width * height; p++) {
        const at = sample * size + p * channels;
        for (let ch = 0; ch < 3; ch++) rgba[p * 4 + ch] = Math.round(Math.max(0, Math.min(1, pixels[at + (channels === 3 ? ch : 0)])) * 255);
        rgba[p * 4 + 3] = 255;
      }
      ctx.putImageData(new ImageData(rgba, width, height), k * (width + gap), 0);
    });
  }, [pixels, indices, width, height, channels]);
  const scale = scaleFor(Math.max(width, height));
  return (
    <canvas ref={ref} className="dw-datafile-strip" width={Math.max(1, total)} height={height} role="img" aria-label={label}
      style={{ width: Math.max(1, total) * scale }} />
  );
}
