/**
 * The confusion panel: after a classification run, which classes the network gets right and
 * which it takes for one another, counted on the test split. A plain table rather than a
 * canvas: every count stays readable, selectable and reachable by a screen reader, and each
 * cell tells its story on hover.
 */
import { useMemo, useRef } from 'react';
import { useLocale } from '../../../i18n';
import { useTraining } from '../../../store/trainingStore';
import { isActive, type LiveRun } from '../../../training/liveRun';
import { FigureExport, svgTheme } from '../../Export/FigureExport';
import { confusionHeatmap } from '../../Export/figures';
import { heatmap, svgDocument } from '../../Export/svg';
import { cssVar } from '../canvas';
import { classAccuracy, classLabels, isWellFormed, overallAccuracy, rowNormalised, topMistakes, type ConfusionCounts } from './confusion';
import './Confusion.css';

/** Mistakes listed under the table: enough to name the typical confusions, few enough to read. */
const MISTAKES_SHOWN = 3;

const empty = (text: string) => <div className="dw-panel-empty" data-testid="panel-confusion">{text}</div>;

/** The confusion panel (a tab of Panels); reads the live run from the training store. */
export function ConfusionPanel() {
  const { t } = useLocale();
  const run = useTraining((s) => s.run);

  if (!run) return empty(t('panel.confusion.noRun'));
  if (!run.info) return empty(t(run.status === 'failed' ? 'panel.confusion.missing' : 'panel.confusion.starting'));
  if (run.info.task !== 'classification') return empty(t('panel.confusion.notClassification'));
  if (!run.confusion) return empty(t(isActive(run) ? 'panel.confusion.pending' : 'panel.confusion.missing'));
  if (!isWellFormed(run.confusion)) return empty(t('panel.confusion.malformed', { classes: run.confusion.classes }));
  return <Matrix run={run} matrix={run.confusion} />;
}

function Matrix({ run, matrix }: { run: LiveRun; matrix: ConfusionCounts }) {
  const { t, locale } = useLocale();
  const info = run.info!;
  const { classes, counts } = matrix;
  const stats = useMemo(() => ({
    shares: rowNormalised(matrix),
    recall: classAccuracy(matrix),
    overall: overallAccuracy(matrix),
    mistakes: topMistakes(matrix, MISTAKES_SHOWN),
  }), [matrix]);
  const labels = classLabels(classes, info.classNames);
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const int = (n: number) => n.toLocaleString(locale);
  const root = useRef<HTMLDivElement>(null);
  // The table as a drawing: a rect and a count per cell, shaded as on screen (PNG: the same, rasterised).
  const svgOf = () => {
    if (!root.current) return null;
    const theme = svgTheme(root.current);
    const css = cssVar(getComputedStyle(root.current));
    const title = t('panel.confusion.title');
    return svgDocument([heatmap(confusionHeatmap({
      title, classes, counts, shares: stats.shares, labels, rowTitle: t('panel.confusion.true'), colTitle: t('panel.confusion.predicted'),
      accent: css('--dw-accent', '#2f80ed'), error: css('--dw-error', '#d63031'), count: int, theme,
    }))], { title, theme });
  };

  const cellTitle = (a: number, p: number, n: number) => t(n === 1 ? 'panel.confusion.cellOne' : 'panel.confusion.cell', {
    actual: labels[a], predicted: labels[p], n: int(n), share: pct.format(stats.shares[a * classes + p]),
  });

  return (
    <div className="dw-confusion" data-testid="panel-confusion" ref={root}>
      <div className="dw-confusion-head">
        {stats.overall && (
          <strong data-testid="confusion-accuracy" data-accuracy={stats.overall.accuracy}>
            {t('panel.confusion.accuracy', {
              accuracy: pct.format(stats.overall.accuracy), correct: int(stats.overall.correct), total: int(stats.overall.total),
            })}
          </strong>
        )}
        <span className="dw-muted" data-testid="confusion-note" data-test-is-train={info.testIsTrain}>
          {t(info.testIsTrain ? 'panel.confusion.noteTrain' : 'panel.confusion.noteTest', { count: stats.overall?.total ?? 0 })}
        </span>
        <FigureExport name="confusion-matrix" svg={svgOf} testId="confusion-export" />
      </div>
      <div className="dw-confusion-scroll">
        <table className="dw-confusion-table" data-testid="confusion-matrix" data-classes={classes}>
          <thead>
            <tr>
              <th className="dw-confusion-corner" rowSpan={2} scope="col">{t('panel.confusion.corner')}</th>
              <th colSpan={classes} scope="colgroup" className="dw-confusion-axis">{t('panel.confusion.predicted')}</th>
              <th rowSpan={2} scope="col" title={t('panel.confusion.classAccuracyTitle')}>{t('panel.confusion.classAccuracy')}</th>
            </tr>
            <tr>
              {labels.map((l, p) => <th key={p} scope="col" data-pred={p}>{l}</th>)}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, a) => {
              const recall = stats.recall[a];
              return (
                <tr key={a}>
                  <th scope="row" data-true={a}>
                    <span className="dw-confusion-axis-inline">{t('panel.confusion.true')} </span>{label}
                  </th>
                  {labels.map((_, p) => {
                    const n = counts[a * classes + p];
                    const share = stats.shares[a * classes + p];
                    const kind = a === p ? 'right' : 'wrong';
                    return (
                      <td key={p} className={`dw-confusion-cell ${kind}${n === 0 ? ' zero' : ''}${share > 0.55 ? ' strong' : ''}`}
                        data-true={a} data-pred={p} data-count={n} data-share={share}
                        // The shade is set here, the colour in Confusion.css, so both themes apply.
                        style={{ '--dw-cm-share': `${Math.round(share * 100)}%` } as React.CSSProperties}
                        title={cellTitle(a, p, n)}>
                        {int(n)}
                      </td>
                    );
                  })}
                  {/* No data-true here: `td[data-true]` selects exactly the matrix's cells. */}
                  <td className="dw-confusion-recall" data-class-accuracy={recall ?? ''} data-class={a}>
                    {recall === null ? <span className="dw-muted">{t('panel.confusion.noSamples')}</span> : pct.format(recall)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="dw-confusion-foot">
        <span className="dw-confusion-legend">
          <i className="dw-confusion-swatch right" /> {t('panel.confusion.legendRight')}
          <i className="dw-confusion-swatch wrong" /> {t('panel.confusion.legendWrong')}
          <span className="dw-muted">— {t('panel.confusion.legendShade')}</span>
        </span>
        {stats.mistakes.length > 0 && (
          <span data-testid="confusion-mistakes">
            {t('panel.confusion.mistakes')}{' '}
            {stats.mistakes.map((m) => t('panel.confusion.mistake', { actual: labels[m.actual], predicted: labels[m.predicted], n: int(m.count) })).join(', ')}
          </span>
        )}
      </div>
    </div>
  );
}
