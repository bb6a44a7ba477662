/**
 * The lab's first experiment, the course's "optimiser paths" figure made live: SGD, Momentum,
 * AdaGrad, RMSProp and Adam descending f(x, y) = x²/20 + y² from (−7, 2), drawn over the
 * function's contours, overlaid or side by side, animated step by step. The learner may type
 * another function (parsed by the engine, never evaluated as code), move the start, change the
 * learning rates, or copy an optimiser node's settings from the graph.
 *
 * The paths are the engine's own optimiser updates (engine/lab/paths.ts); this view only keeps
 * the settings and draws. Everything is recomputed on each change: 5 × 30 steps is instant.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { lab } from '../../../../../../engine';
import { errorText, tmsg, useLocale, type Text } from '../../../../i18n';
import { useEditor } from '../../../../store/editorStore';
import { formatValue } from '../../Distributions/format';
import { exportPlots } from './exportPlots';
import { NumberField } from './NumberField';
import { OptimizerRow } from './OptimizerRow';
import { PathsPlot, pathColourVar, type PlotPathInput } from './PathsPlot';
import { acceptStart, acceptSteps, nodeOptions, withCopied } from './pathsSettings';
import { contourBands, gridMinimum, pointAtStep, viewBounds, type Band, type Bounds } from './pathsView';
import { readFunction, type FunctionError, type ReadFunction } from './readFunction';
import { usePlayback } from './usePlayback';
import './Paths.css';

type Kind = lab.PathOptimizerKind;
type Computed =
  | { readonly ok: true; readonly results: lab.PathResult[]; readonly bounds: Bounds; readonly bands: Band[]; readonly minimum: { x: number; y: number } | null }
  | { readonly ok: false; readonly error: Text };

/** Grid of f for the contours: fine enough for smooth lines, small enough to redo on every edit. */
const GRID_X = 121;
const GRID_Y = 91;
/** Typing pauses this long before the function is read again. */
const DEBOUNCE_MS = 350;

function courseSettings(): Record<Kind, lab.PathOptimizer> {
  return Object.fromEntries(lab.PATH_OPTIMIZERS.map((k) => [k, { ...lab.COURSE_PATH_SETTINGS[k] }])) as Record<Kind, lab.PathOptimizer>;
}

/** The function field: read again after a pause in typing, at once on Enter or on leaving it. */
function FunctionField({ onRead }: { onRead: (parsed: ReadFunction) => void }) {
  const { t } = useLocale();
  const [source, setSource] = useState(lab.COURSE_FUNCTION);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const readNow = (text: string) => {
    clearTimeout(timer.current);
    onRead(readFunction(text));
  };
  return (
    <div className="dw-lab-paths-fn">
      <label>
        <span>{t('lab.paths.function')} =</span>
        <input type="text" spellCheck={false} value={source} data-testid="lab-paths-function" title={t('lab.paths.functionHint')}
          onChange={(e) => {
            const text = e.target.value;
            setSource(text);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => onRead(readFunction(text)), DEBOUNCE_MS);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') readNow(source);
          }}
          onBlur={() => readNow(source)} />
      </label>
      <button type="button" title={t('lab.paths.courseFunctionHint')} onClick={() => {
        setSource(lab.COURSE_FUNCTION);
        readNow(lab.COURSE_FUNCTION);
      }}>{t('lab.paths.courseFunction')}</button>
    </div>
  );
}

/** The error under the function field, with the offending character marked. */
function FunctionErrorView({ error }: { error: FunctionError }) {
  const { t, tm } = useLocale();
  const p = error.position;
  return (
    <div className="dw-lab-paths-error" role="alert" data-testid="lab-paths-error" data-position={p ?? undefined}>
      {/* The parser's message names the character already. */}
      <div>{t('lab.paths.errorNoPosition', { message: tm(error.text) })}</div>
      {p !== null && (
        <code className="dw-lab-paths-source">
          {error.source.slice(0, p)}<mark>{error.source.slice(p, p + 1) || '\u00a0'}</mark>{error.source.slice(p + 1)}
        </code>
      )}
      <div className="dw-muted">{t('lab.paths.errorKept')}</div>
    </div>
  );
}

export function PathsExperiment() {
  const { t, tm, locale } = useLocale();
  const root = useRef<HTMLDivElement>(null);
  const graph = useEditor((s) => s.graph);

  const [fn, setFn] = useState(() => readFunction(lab.COURSE_FUNCTION));
  // The last function that read well: a typo keeps the plot of the one before it.
  const [good, setGood] = useState<{ expr: lab.Expr; source: string } | null>(() => ('expr' in fn ? fn : null));
  const [start, setStart] = useState<readonly [number, number]>(() => [lab.COURSE_START[0], lab.COURSE_START[1]]);
  const [steps, setSteps] = useState(30);
  const [settings, setSettings] = useState(courseSettings);
  const [enabled, setEnabled] = useState<Record<Kind, boolean>>(() => ({ sgd: true, momentum: true, adagrad: true, rmsprop: true, adam: true }));
  const [mode, setMode] = useState<'overlaid' | 'side'>('overlaid');
  const [contourStyle, setContourStyle] = useState<'bands' | 'lines'>('bands');
  // Texts, not strings: a note or an error on screen follows a language switch.
  const [note, setNote] = useState<Text | null>(null);
  const [exportError, setExportError] = useState<Text | null>(null);
  const playback = usePlayback(steps);

  const onRead = (parsed: ReadFunction) => {
    setFn(parsed);
    if ('expr' in parsed) setGood(parsed);
  };

  const options = useMemo(() => nodeOptions(graph.nodes), [graph.nodes]);
  const kinds = lab.PATH_OPTIMIZERS.filter((k) => enabled[k]);
  const kindsKey = kinds.join(',');

  const computed = useMemo((): Computed | null => {
    if (!good) return null;
    try {
      const results = kindsKey === '' ? [] : kindsKey.split(',').map((k) => lab.optimizerPath(good.expr, settings[k as Kind], { start, steps }));
      const bounds = viewBounds(start, results);
      const grid = lab.contourGrid(good.expr, [bounds.x0, bounds.x1], [bounds.y0, bounds.y1], GRID_X, GRID_Y);
      return { ok: true, results, bounds, bands: contourBands(grid), minimum: gridMinimum(grid) };
    } catch (e) {
      console.error('Lab: the optimizer paths could not be computed', e);
      return { ok: false, error: errorText(e) };
    }
  }, [good, settings, kindsKey, start, steps]);

  const label = (k: Kind) => t(`lab.paths.opt.${k}`);
  const plotPaths: PlotPathInput[] = useMemo(
    () => (computed?.ok ? computed.results.map((r) => ({ kind: r.optimizer.kind, label: t(`lab.paths.opt.${r.optimizer.kind}`), points: r.points })) : []),
    [computed, t],
  );
  const num = (v: number) => formatValue(v, locale);

  const copyFrom = (id: string) => {
    const option = options.find((o) => o.id === id);
    if (!option) return;
    setSettings((s) => withCopied(s, option.optimizer));
    setEnabled((e) => ({ ...e, [option.optimizer.kind]: true }));
    setNote(tmsg('lab.paths.copied', { name: option.name, optimizer: tmsg(`lab.paths.opt.${option.optimizer.kind}`) }));
  };

  const doExport = () => {
    if (!root.current) return;
    setExportError(null);
    exportPlots(root.current, 'canvas[data-testid="lab-paths-canvas"]', mode === 'side' ? 'optimizer-paths-side-by-side' : 'optimizer-paths')
      .catch((e: unknown) => setExportError(tmsg('lab.paths.exportError', { message: errorText(e) })));
  };

  const ready = computed?.ok ? computed : null;
  const ariaLabel = t('lab.paths.plotLabel', { fn: good?.source ?? '', names: kinds.map(label).join(', ') });
  const plotCommon = ready && {
    bounds: ready.bounds, bands: ready.bands, contourStyle, minimum: ready.minimum, start, step: playback.step, steps,
  };

  return (
    <div className="dw-lab-paths" ref={root}>
      <p className="dw-lab-paths-intro">{t('lab.paths.intro')}</p>
      <FunctionField onRead={onRead} />
      <div className="dw-muted dw-lab-paths-hint">{t('lab.paths.functionHint')}</div>
      {'error' in fn && <FunctionErrorView error={fn.error} />}
      <div className="dw-lab-paths-layout">
        <div className="dw-lab-paths-controls">

          <div className="dw-lab-paths-row">
            <span>{t('lab.paths.start')}</span>
            <label>{t('lab.paths.startX')}{' '}
              <NumberField value={start[0]} onValue={(v) => setStart((s) => [v, s[1]])} accept={acceptStart} label={`${t('lab.paths.start')} ${t('lab.paths.startX')}`} testId="lab-paths-start-x" />
            </label>
            <label>{t('lab.paths.startY')}{' '}
              <NumberField value={start[1]} onValue={(v) => setStart((s) => [s[0], v])} accept={acceptStart} label={`${t('lab.paths.start')} ${t('lab.paths.startY')}`} testId="lab-paths-start-y" />
            </label>
            <label>{t('lab.paths.steps')}{' '}
              <NumberField value={steps} onValue={setSteps} accept={acceptSteps} label={t('lab.paths.steps')} testId="lab-paths-steps" />
            </label>
          </div>

          <fieldset className="dw-lab-paths-opts">
            <legend>{t('lab.paths.optimizers')}</legend>
            {lab.PATH_OPTIMIZERS.map((k) => (
              <OptimizerRow key={k} kind={k} enabled={enabled[k]} settings={settings[k]}
                onEnabled={(on) => setEnabled((e) => ({ ...e, [k]: on }))}
                onSettings={(next) => setSettings((s) => ({ ...s, [k]: next }))} />
            ))}
            <div className="dw-lab-paths-row">
              <button type="button" title={t('lab.paths.courseSettingsHint')} onClick={() => {
                setSettings(courseSettings());
                setNote(null);
              }}>{t('lab.paths.courseSettings')}</button>
              <select value="" aria-label={t('lab.paths.fromNode')} title={t('lab.paths.fromNode')} data-testid="lab-paths-from-node"
                disabled={options.length === 0} onChange={(e) => copyFrom(e.target.value)}>
                <option value="">{options.length === 0 ? t('lab.paths.fromNodeNone') : t('lab.paths.fromNodePick')}</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>{t('lab.paths.fromNodeOption', { name: o.name, lr: num(o.optimizer.learningRate) })}</option>
                ))}
              </select>
            </div>
            {note && <div className="dw-muted" role="status" data-testid="lab-paths-copied">{tm(note)}</div>}
          </fieldset>

          <div className="dw-lab-paths-row">
            <label>{t('lab.paths.view')}{' '}
              <select value={mode} onChange={(e) => setMode(e.target.value as 'overlaid' | 'side')} data-testid="lab-paths-mode">
                <option value="overlaid">{t('lab.paths.view.overlaid')}</option>
                <option value="side">{t('lab.paths.view.side')}</option>
              </select>
            </label>
            <label>{t('lab.paths.contours')}{' '}
              <select value={contourStyle} onChange={(e) => setContourStyle(e.target.value as 'bands' | 'lines')} data-testid="lab-paths-contours">
                <option value="bands">{t('lab.paths.contours.bands')}</option>
                <option value="lines">{t('lab.paths.contours.lines')}</option>
              </select>
            </label>
          </div>
        </div>

        <div className="dw-lab-paths-main">
          <div className="dw-lab-paths-anim">
            <button type="button" onClick={playback.playing ? playback.pause : playback.play} data-testid="lab-paths-play" aria-pressed={playback.playing}>
              {playback.playing ? t('lab.paths.pause') : t('lab.paths.play')}
            </button>
            <button type="button" onClick={playback.rewind} data-testid="lab-paths-rewind">{t('lab.paths.rewind')}</button>
            <input type="range" min={0} max={steps} step={1} value={playback.step} aria-label={t('lab.paths.step')}
              aria-valuetext={t('lab.paths.stepOf', { step: playback.step, steps })}
              onChange={(e) => playback.seek(Number(e.target.value))} data-testid="lab-paths-step" />
            <span className="dw-lab-paths-stepof">{t('lab.paths.stepOf', { step: playback.step.toLocaleString(locale), steps: steps.toLocaleString(locale) })}</span>
            <span className="spacer" />
            <button type="button" onClick={doExport} disabled={!ready} title={t('lab.paths.exportTitle')} data-testid="lab-paths-export">{t('lab.paths.export')}</button>
          </div>
          {exportError && <div className="dw-lab-paths-error" role="alert">{tm(exportError)}</div>}
          {computed && !computed.ok && (
            <div className="dw-lab-paths-error" role="alert" data-testid="lab-paths-compute-error">{t('lab.paths.computeError', { message: tm(computed.error) })}</div>
          )}
          {kinds.length === 0 && <div className="dw-muted">{t('lab.paths.noOptimizer')}</div>}

          {plotCommon && (mode === 'overlaid' || plotPaths.length === 0 ? (
            <div className="dw-lab-paths-plots overlaid">
              <PathsPlot {...plotCommon} paths={plotPaths} aspect={0.62} ariaLabel={ariaLabel} />
            </div>
          ) : (
            <div className="dw-lab-paths-plots side">
              {plotPaths.map((p) => (
                <PathsPlot key={p.kind} {...plotCommon} paths={[p]} title={p.label} aspect={0.72}
                  ariaLabel={t('lab.paths.plotLabel', { fn: good?.source ?? '', names: p.label })} />
              ))}
            </div>
          ))}

          {ready && ready.results.length > 0 && (
            <table className="dw-lab-paths-results">
              <caption>{t('lab.paths.results', { step: playback.step.toLocaleString(locale) })}</caption>
              <thead>
                <tr><th>{t('lab.paths.col.optimizer')}</th><th>{t('lab.paths.col.point')}</th><th>{t('lab.paths.col.value')}</th></tr>
              </thead>
              <tbody>
                {ready.results.map((r) => {
                  const k = r.optimizer.kind;
                  const at = pointAtStep(r.points, r.values, playback.step);
                  const taken = r.points.length / 2 - 1;
                  return (
                    <tr key={k} data-testid={`lab-paths-result-${k}`} data-x={at?.x} data-y={at?.y} data-f={at?.f} data-diverged={r.diverged}>
                      <td><span className="dw-lab-paths-swatch" style={{ background: pathColourVar(k) }} aria-hidden="true" />{label(k)}</td>
                      <td>{at ? t('lab.paths.point', { x: num(at.x), y: num(at.y) }) : '–'}</td>
                      <td>
                        {at ? num(at.f) : '–'}
                        {r.diverged && playback.step >= taken && <span className="dw-lab-paths-diverged"> · {t('lab.paths.diverged', { count: taken })}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </div>
  );
}
