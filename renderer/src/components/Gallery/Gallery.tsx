/**
 * The template gallery: the example projects, or a blank canvas; and the learning lab's
 * experiments, each one click from running (they open in the panels strip's Lab tab).
 */
import { useLocale } from '../../i18n';
import { TEMPLATES, type Template } from '../../io/templates';
import { LAB_EXPERIMENTS, type LabExperimentId } from '../../lab/labStore';

export function Gallery({ onPick, onBlank, onLab, onClose }: {
  onPick: (t: Template) => void;
  onBlank: () => void;
  onLab: (experiment: LabExperimentId) => void;
  onClose: () => void;
}) {
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
        <h3>{t('gallery.lab')}</h3>
        <p className="dw-gallery-note">{t('gallery.labNote')}</p>
        <div className="dw-gallery">
          {LAB_EXPERIMENTS.map((id) => (
            <button key={id} className="dw-card dw-card-lab" onClick={() => onLab(id)} data-testid={`gallery-lab-${id}`}>
              <strong>{t(`lab.exp.${id}`)}</strong>
              <span className="dw-card-hint">{t(`lab.exp.${id}.hint`)}</span>
            </button>
          ))}
        </div>
        <button className="dw-close" onClick={onClose}>{t('gallery.close')}</button>
      </div>
    </div>
  );
}
