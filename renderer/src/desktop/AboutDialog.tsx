/**
 * Help ▸ About: the app's name, version and what it is for, and the engine the editor talks to.
 */
import { useLayoutEffect, useRef } from 'react';
import { version } from '../../../package.json';
import { useLocale } from '../i18n';
import { useTraining } from '../store/trainingStore';
import './desktop.css';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useLocale();
  const engine = useTraining((s) => s.engine);
  const close = useRef<HTMLButtonElement>(null);
  // Before paint, so an Escape pressed as soon as the dialog shows is not lost.
  useLayoutEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="dw-modal" role="dialog" aria-modal="true" aria-label={t('desktopUi.about.title')} data-testid="about" onClick={onClose}>
      <div className="dw-modal-body dw-about" onClick={(e) => e.stopPropagation()}>
        <h2>{t('app.title')}</h2>
        <p className="dw-about-version" data-testid="about-version">{t('desktopUi.about.version', { version })}</p>
        <p>{t('desktopUi.about.text')}</p>
        {engine && <p className="dw-about-engine">{t('desktopUi.about.engine', { backend: engine.backend })}</p>}
        <button ref={close} className="dw-close" onClick={onClose}>{t('desktopUi.about.close')}</button>
      </div>
    </div>
  );
}
