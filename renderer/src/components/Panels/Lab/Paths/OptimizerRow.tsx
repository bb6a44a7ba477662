/**
 * One optimiser's line in the paths experiment: a checkbox that shows or hides its path, its
 * colour, its learning rate, and its other settings (momentum, decay, betas, epsilon) folded
 * away under "more", since the course's figure varies only the learning rate.
 */
import type { lab } from '../../../../../../engine';
import { useLocale } from '../../../../i18n';
import { NumberField } from './NumberField';
import { pathColourVar } from './PathsPlot';
import { EXTRA_SETTINGS, acceptSetting, settingOf, type PathSetting } from './pathsSettings';

export interface OptimizerRowProps {
  readonly kind: lab.PathOptimizerKind;
  readonly enabled: boolean;
  readonly settings: lab.PathOptimizer;
  readonly onEnabled: (on: boolean) => void;
  readonly onSettings: (next: lab.PathOptimizer) => void;
}

const SETTING_LABEL: Record<PathSetting, string> = {
  learningRate: 'lab.paths.lr', momentum: 'lab.paths.momentum', decay: 'lab.paths.decay',
  beta1: 'lab.paths.beta1', beta2: 'lab.paths.beta2', epsilon: 'lab.paths.epsilon',
};

export function OptimizerRow({ kind, enabled, settings, onEnabled, onSettings }: OptimizerRowProps) {
  const { t } = useLocale();
  const name = t(`lab.paths.opt.${kind}`);
  const extras = EXTRA_SETTINGS[kind];
  const set = (setting: PathSetting, v: number) => onSettings({ ...settings, [setting]: v });
  return (
    <div className={`dw-lab-paths-opt${enabled ? '' : ' off'}`}>
      <label className="dw-lab-paths-opt-name">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabled(e.target.checked)} data-testid={`lab-paths-opt-${kind}`} />
        <span className="dw-lab-paths-swatch" style={{ background: pathColourVar(kind) }} aria-hidden="true" />
        {name}
      </label>
      <label className="dw-lab-paths-lr">
        <span className="dw-muted">{t('lab.paths.lr')}</span>
        <NumberField value={settings.learningRate} onValue={(v) => set('learningRate', v)} accept={(v) => acceptSetting('learningRate', v)}
          label={t('lab.paths.lrLabel', { name })} testId={`lab-paths-lr-${kind}`} />
      </label>
      {extras.length > 0 && (
        <details className="dw-lab-paths-more">
          <summary>{t('lab.paths.more')}</summary>
          {extras.map((setting) => (
            <label key={setting}>
              <span className="dw-muted">{t(SETTING_LABEL[setting])}</span>
              <NumberField value={settingOf(settings, setting)} onValue={(v) => set(setting, v)} accept={(v) => acceptSetting(setting, v)}
                label={`${name} · ${t(SETTING_LABEL[setting])}`} testId={`lab-paths-${setting}-${kind}`} />
            </label>
          ))}
        </details>
      )}
    </div>
  );
}
