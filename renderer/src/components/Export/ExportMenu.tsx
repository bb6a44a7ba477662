/**
 * The toolbar's "Export ▾": PyTorch and Keras code, ONNX, weights, training history. An entry
 * that cannot be exported now is greyed out and says why on hover. In a browser the files
 * download; in the desktop app the same command as File ▸ Export runs (main's save dialog).
 */
import { useEffect, useRef, useState } from 'react';
import { desktopBridge } from '../../desktop/useDesktop';
import { useLocale } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { useTraining } from '../../store/trainingStore';
import { EXPORT_ITEMS, exportState, exportTo, unavailableReason, type ExportTarget } from './exporting';
import './Export.css';

export function ExportMenu() {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportTarget | null>(null);
  const root = useRef<HTMLDivElement>(null);
  // Re-render with what decides the entries' states; they are computed only while open.
  useEditor((s) => (open ? s.graph : null));
  useEditor((s) => (open ? s.runs : null));
  useTraining((s) => (open ? s.run?.weights : null));

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (target: ExportTarget) => {
    setOpen(false);
    setBusy(target);
    try {
      const bridge = desktopBridge();
      await (bridge ? bridge.exportTarget(target) : exportTo(target));
    } finally {
      setBusy(null);
    }
  };

  const state = open ? exportState() : null;
  return (
    <div className="dw-export" ref={root}>
      <button aria-haspopup="menu" aria-expanded={open} disabled={busy !== null} title={t('export.menuHint')}
        onClick={() => setOpen(!open)} data-testid="btn-export" data-busy={busy ?? undefined}>
        {busy ? t('export.busy') : `${t('export.menu')} ▾`}
      </button>
      {open && state && (
        <ul className="dw-export-menu" role="menu" data-testid="export-menu">
          {EXPORT_ITEMS.map((item) => {
            const reason = unavailableReason(item.target, state);
            return (
              <li key={item.target} role="none" title={t(reason ?? item.hint)}>
                <button role="menuitem" disabled={reason !== null}
                  onClick={() => void run(item.target)} data-testid={`export-${item.target}`} data-reason={reason ?? undefined}>
                  {t(item.label)}
                  {/* A greyed-out entry says why right there: a tooltip is easy to miss. */}
                  {reason && <span className="dw-export-reason">{t(reason)}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
