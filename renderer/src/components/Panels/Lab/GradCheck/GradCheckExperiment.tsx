/**
 * Gradient check (기울기 확인) for the current graph: backpropagation against numerical
 * differentiation per parameter tensor with relative error and pass/fail, then the two timings
 * and what numerical differentiation would cost for one whole gradient — the course's reason
 * why networks are trained with backpropagation.
 */
import { useLocale } from '../../../../i18n';
import { validationOf } from '../../../../hooks/useValidation';
import { useEditor } from '../../../../store/editorStore';
import { graphKey } from '../../../../training/liveRun';
import type { graph as g, protocol } from '../../../../../../engine';
import { formatCount } from '../../Runs/runsFormat';
import { formatScientific } from '../Search/searchFormat';
import {
  checkErrorDetail, elementCount, extrapolate, formatRatio, formatSeconds, formatShape, invalidGraphError, nodeName, tensorName, type CheckError,
} from './gradCheckReport';
import { useGradCheck } from './gradCheckStore';
import './GradCheck.css';

export function GradCheckExperiment() {
  const { t } = useLocale();
  const graph = useEditor((s) => s.graph);
  const { busy, result, error, graph: checked, run, fail } = useGradCheck();

  const check = () => {
    const invalid = invalidGraphError(validationOf(graph), graph);
    if (invalid) fail(graph, invalid);
    else void run(graph);
  };
  const stale = checked !== null && !busy && graphKey(checked) !== graphKey(graph);

  return (
    <div className="dw-gradcheck">
      <p className="dw-gradcheck-intro">{t('lab.gradcheck.intro')}</p>
      <div className="dw-gradcheck-row">
        <button type="button" className="primary" disabled={busy} aria-busy={busy || undefined} onClick={check} data-testid="lab-gradcheck-run">
          {busy ? t('lab.gradcheck.running') : t('lab.gradcheck.run')}
        </button>
        {busy && <span className="dw-gradcheck-muted" role="status" data-testid="lab-gradcheck-busy">{t('lab.gradcheck.busy')}</span>}
        {stale && <span className="dw-gradcheck-muted" data-testid="lab-gradcheck-stale">{t('lab.gradcheck.stale')}</span>}
      </div>
      {error && <ErrorLine error={error} graph={checked ?? graph} />}
      {!busy && !error && !result && <p className="dw-gradcheck-muted">{t('lab.gradcheck.empty')}</p>}
      {result && <Report result={result} graph={checked ?? graph} />}
    </div>
  );
}

function ErrorLine({ error, graph }: { error: CheckError; graph: g.Graph }) {
  const { t, tm, locale } = useLocale();
  const node = error.nodeId ? nodeName(graph, error.nodeId) : undefined;
  const message = checkErrorDetail(error, tm, locale);
  const text = error.kind === 'invalid'
    ? t('lab.gradcheck.invalid', { message })
    : node
      ? t('lab.gradcheck.errorAt', { node, message })
      : t('lab.gradcheck.error', { message });
  return <p className="dw-gradcheck-error" role="alert" data-testid="lab-gradcheck-error" data-kind={error.kind} data-node={error.nodeId}>{text}</p>;
}

function Report({ result, graph }: { result: protocol.GradCheckResult; graph: g.Graph }) {
  const { t, tm, locale } = useLocale();
  const timing = extrapolate(result);
  const failed = result.tensors.filter((x) => !x.pass).length;
  const total = result.tensors.length;
  const count = (n: number) => formatCount(n, locale);
  const secs = (s: number) => formatSeconds(s, locale);

  return (
    <>
      {total === 0
        ? <p className="dw-gradcheck-muted">{t('lab.gradcheck.noTensors')}</p>
        : (
          <>
            <p className={`dw-gradcheck-summary ${failed ? 'fail' : 'pass'}`} data-testid="lab-gradcheck-summary" data-failed={failed}>
              {failed ? t('lab.gradcheck.summaryFail', { failed: count(failed), total: count(total) }) : t('lab.gradcheck.summaryPass', { total: count(total) })}
            </p>
            <table className="dw-gradcheck-table" data-testid="lab-gradcheck-table">
              <thead>
                <tr>
                  <th>{t('lab.gradcheck.col.tensor')}</th>
                  <th>{t('lab.gradcheck.col.shape')}</th>
                  <th className="num">{t('lab.gradcheck.col.checked')}</th>
                  <th className="num">{t('lab.gradcheck.col.error')}</th>
                  <th>{t('lab.gradcheck.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {result.tensors.map((x) => {
                  const name = tensorName(x.name, graph);
                  return (
                    <tr key={x.name} data-testid="lab-gradcheck-row" data-name={x.name} data-pass={x.pass} data-relative-error={x.relativeError}>
                      <td title={x.name}>{name.param ? t('lab.gradcheck.tensorName', name) : name.node}</td>
                      <td className="num-ish">{x.shape.length ? formatShape(x.shape, locale) : t('lab.gradcheck.scalar')}</td>
                      <td className="num">{t('lab.gradcheck.checkedOf', { checked: count(x.checked), total: count(elementCount(x.shape)) })}</td>
                      <td className="num">{formatScientific(x.relativeError, locale)}</td>
                      <td><span className={`dw-gradcheck-badge ${x.pass ? 'pass' : 'fail'}`}>{x.pass ? t('lab.gradcheck.pass') : t('lab.gradcheck.fail')}</span></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p className="dw-gradcheck-muted">{t('lab.gradcheck.threshold', { threshold: formatScientific(result.threshold, locale) })}</p>
          </>
        )}

      <section className="dw-gradcheck-timing" data-testid="lab-gradcheck-timing" data-ratio={timing.ratio ?? ''}
        data-numerical-all={timing.numericalAllSeconds ?? ''}>
        <h3>{t('lab.gradcheck.timing.title')}</h3>
        <table className="dw-gradcheck-table">
          <thead>
            <tr>
              <th>{t('lab.gradcheck.timing.method')}</th>
              <th>{t('lab.gradcheck.timing.covers')}</th>
              <th className="num">{t('lab.gradcheck.timing.time')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{t('lab.gradcheck.timing.backprop')}</td>
              <td>{t('lab.gradcheck.timing.allParams', { params: count(timing.parameters) })}</td>
              <td className="num">{secs(timing.backpropSeconds)}</td>
            </tr>
            <tr>
              <td>{t('lab.gradcheck.timing.numerical')}</td>
              <td>{t('lab.gradcheck.timing.sampled', { checked: count(timing.checked) })}</td>
              <td className="num">{secs(timing.numericalSeconds)}</td>
            </tr>
            {timing.numericalAllSeconds !== null && (
              <tr className="estimate">
                <td>{t('lab.gradcheck.timing.numericalAll')}</td>
                <td>{t('lab.gradcheck.timing.allParams', { params: count(timing.parameters) })}</td>
                <td className="num">{secs(timing.numericalAllSeconds)}</td>
              </tr>
            )}
          </tbody>
        </table>
        {timing.numericalAllSeconds !== null && (
          <p className="dw-gradcheck-ratio" data-testid="lab-gradcheck-ratio">
            {timing.ratio !== null
              ? t('lab.gradcheck.timing.ratio', { seconds: secs(timing.numericalAllSeconds), ratio: formatRatio(timing.ratio, locale) })
              : t('lab.gradcheck.timing.noRatio')}
          </p>
        )}
        {timing.perElementSeconds !== null && (
          <p className="dw-gradcheck-muted">{t('lab.gradcheck.timing.how', { perElement: secs(timing.perElementSeconds), params: count(timing.parameters) })}</p>
        )}
        <p className="dw-gradcheck-explain">{t('lab.gradcheck.explain')}</p>
      </section>

      {result.notes.length > 0 && (
        <section className="dw-gradcheck-notes" data-testid="lab-gradcheck-notes">
          <h3>{t('lab.gradcheck.notes')}</h3>
          <ul>{result.notes.map((n, i) => <li key={i}>{tm(n)}</li>)}</ul>
        </section>
      )}
    </>
  );
}
