/**
 * "Draw a digit": a black pad the user writes on with mouse, pen or finger in thick white
 * strokes, as MNIST's digits look. When a stroke ends the drawing is turned into an MNIST-style
 * input (digitInput.ts) and the latest run's model answers with a probability per class, shown
 * as bars beside the 28 × 28 image it was given.
 *
 * The strokes live only in the canvas bitmap (no React state per pointer move), so drawing
 * stays smooth while a run streams updates.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { errorText, useLocale, type Text } from '../../../i18n';
import { useTraining } from '../../../store/trainingStore';
import { MNIST_SIZE, inkFromRgba, toMnistInput } from './digitInput';
import { PixelImage } from './PixelImage';

/** The pad's side in CSS pixels (7 × 28). */
export const PAD_SIZE = 196;
/**
 * Stroke width in CSS pixels: a digit drawn across most of the pad shrinks about 7-fold into
 * MNIST's 20 × 20 box, which turns this into MNIST's typical 2-pixel stroke.
 */
const STROKE = 14;

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'asking'; readonly input: Float32Array }
  | { readonly kind: 'answer'; readonly input: Float32Array; readonly probs: readonly number[] }
  | { readonly kind: 'error'; readonly input: Float32Array | null; readonly message: Text };

/** The drawing pad and the model's answer; `classNames` label the bars (digits by default). */
export function DrawDigit({ classNames }: { readonly classNames?: readonly string[] }) {
  const { t, tm, locale } = useLocale();
  const predict = useTraining((s) => s.predict);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<{ id: number; x: number; y: number } | null>(null);
  const inked = useRef(false);
  // Answers may arrive out of order (the engine is also training); only the latest counts.
  const asked = useRef(0);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const context = useCallback(() => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null, []);

  const clearPad = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    inked.current = false;
  }, [context]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // A backing store at the screen's pixel ratio keeps strokes crisp; the input conversion
    // does not care about the resolution.
    const side = Math.round(PAD_SIZE * (window.devicePixelRatio || 1));
    canvas.width = side;
    canvas.height = side;
    clearPad();
    return () => {
      asked.current++;
    };
  }, [clearPad]);

  const point = (e: ReactPointerEvent<HTMLCanvasElement> | PointerEvent) => {
    const canvas = canvasRef.current!;
    const r = canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * canvas.width) / r.width, y: ((e.clientY - r.top) * canvas.height) / r.height };
  };

  const lineTo = (x: number, y: number) => {
    const canvas = canvasRef.current;
    const ctx = context();
    const from = stroke.current;
    if (!canvas || !ctx || !from) return;
    ctx.strokeStyle = '#fff';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.lineWidth = (STROKE * canvas.width) / PAD_SIZE;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    // A zero-length segment with round caps paints a dot, so a tap leaves a mark.
    ctx.lineTo(x, y + (x === from.x && y === from.y ? 0.01 : 0));
    ctx.stroke();
    stroke.current = { ...from, x, y };
    inked.current = true;
  };

  const ask = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx || !inked.current) return;
    const { width, height } = canvas;
    const input = toMnistInput(inkFromRgba(ctx.getImageData(0, 0, width, height).data, width, height), width, height);
    if (!input) return;
    const id = ++asked.current;
    setOutcome({ kind: 'asking', input });
    // A copy: the engine client transfers the buffer to the worker, which would empty ours.
    predict(Float32Array.from(input), 1).then(
      (probs) => {
        if (id === asked.current) setOutcome({ kind: 'answer', input, probs: Array.from(probs) });
      },
      (e: unknown) => {
        if (id === asked.current) setOutcome({ kind: 'error', input, message: errorText(e) });
      },
    );
  }, [context, predict]);

  const onDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = point(e);
    stroke.current = { id: e.pointerId, ...p };
    lineTo(p.x, p.y);
  };
  const onMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (stroke.current?.id !== e.pointerId) return;
    // Coalesced events: the moves the browser merged into this one, so fast strokes stay round.
    const events = e.nativeEvent.getCoalescedEvents?.() ?? [];
    for (const m of events.length ? events : [e.nativeEvent]) {
      const p = point(m);
      lineTo(p.x, p.y);
    }
  };
  const onUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (stroke.current?.id !== e.pointerId) return;
    stroke.current = null;
    ask();
  };

  const clear = () => {
    asked.current++;
    clearPad();
    setOutcome({ kind: 'idle' });
  };

  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const name = (k: number) => classNames?.[k] ?? String(k);
  const input = outcome.kind === 'idle' ? null : outcome.input;
  const probs = outcome.kind === 'answer' ? outcome.probs : null;
  const top = probs ? probs.reduce((best, p, k) => (p > probs[best] ? k : best), 0) : -1;

  return (
    <div className="dw-draw">
      <div className="dw-draw-pad">
        <div className="dw-draw-head">
          <h3>{t('panel.predictions.drawTitle')}</h3>
          <button type="button" data-testid="draw-clear" onClick={clear}>{t('panel.predictions.clear')}</button>
        </div>
        <canvas ref={canvasRef} data-testid="draw-canvas" style={{ width: PAD_SIZE, height: PAD_SIZE }}
          aria-label={t('panel.predictions.drawCanvas')} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp}
          onPointerCancel={onUp} />
      </div>
      <div className="dw-draw-out" aria-live="polite">
        {input && (
          <div className="dw-draw-top">
            {probs
              ? (
                <div className="dw-draw-result" data-testid="draw-result" data-class={top}>
                  <span className="dw-draw-digit">{name(top)}</span>
                  <span className="dw-draw-sure">{t('panel.predictions.resultCaption', { p: percent.format(probs[top]) })}</span>
                </div>
              )
              : <span className="dw-draw-note">{outcome.kind === 'asking' ? t('panel.predictions.asking') : ''}</span>}
            <figure className="dw-draw-preview" title={t('panel.predictions.preview')}>
              <PixelImage values={input} width={MNIST_SIZE} height={MNIST_SIZE} channels={1} scale={2} testId="draw-preview"
                label={t('panel.predictions.preview')} />
              <figcaption>{t('panel.predictions.previewShort')}</figcaption>
            </figure>
          </div>
        )}
        {outcome.kind === 'idle' && <p className="dw-draw-note">{t('panel.predictions.drawHint')}</p>}
        {outcome.kind === 'error' && (
          <p className="dw-draw-error" role="alert" data-testid="draw-error">
            {t('panel.predictions.predictFailed', { message: tm(outcome.message) })}
          </p>
        )}
        {probs && (
          <ol className="dw-draw-probs" data-testid="draw-probs" aria-label={t('panel.predictions.probsTitle')}>
            {probs.map((p, k) => (
              <li key={k} data-class={k} data-prob={p} className={k === top ? 'top' : undefined}>
                <span className="dw-draw-name">{name(k)}</span>
                <span className="dw-draw-bar"><span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} /></span>
                <span className="dw-draw-value">{percent.format(p)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
