/**
 * The template gallery: the example projects, or a blank canvas.
 */
import { useLocale } from '../../i18n';
import { TEMPLATES, type Template } from '../../io/templates';

export function Gallery({ onPick, onBlank, onClose }: { onPick: (t: Template) => void; onBlank: () => void; onClose: () => void }) {
  const { t } = useLocale();
  return (
    <div className="dw-modal" role="dialog" aria-modal="true" aria-label={t('gallery.title')} data-testid="gallery">
      <div className="dw-modal-body">
        <h2>{t('gallery.title')}</h2>
        <div className="dw-gallery">
          <button className="dw-card" onClick={onBlank} data-testid="template-blank">{t('gallery.blank')}</button>
          {TEMPLATES.map((tpl) => (
            <button key={tpl.name} className="dw-card" onClick={() => onPick(tpl)} data-testid={`template-${tpl.name}`}>{t(`template.${tpl.name}`)}</button>
          ))}
        </div>
        <button className="dw-close" onClick={onClose}>{t('gallery.close')}</button>
      </div>
    </div>
  );
}
