/**
 * The learning lab (a tab of the panels strip): the course's experiments, one click each. A list
 * of experiments on the left, the open one on the right; each experiment lives in its own folder.
 */
import { useLocale } from '../../../i18n';
import { LAB_EXPERIMENTS, useLab, type LabExperimentId } from '../../../lab/labStore';
import { GradCheckExperiment } from './GradCheck/GradCheckExperiment';
import { InitExperiment } from './Init/InitExperiment';
import { PathsExperiment } from './Paths/PathsExperiment';
import { PairedRunExperiment } from './Runs/PairedRunExperiment';
import { PerceptronExperiment } from './Runs/PerceptronExperiment';
import { RunsExperiment } from './Runs/RunsExperiment';
import { SearchExperiment } from './Search/SearchExperiment';
import './Lab.css';

const VIEWS: Record<LabExperimentId, () => React.JSX.Element> = {
  paths: PathsExperiment,
  init: InitExperiment,
  batchnorm: () => <RunsExperiment experiment="batchnorm" />,
  overfitting: () => <RunsExperiment experiment="overfitting" />,
  gradcheck: GradCheckExperiment,
  perceptron: PerceptronExperiment,
  search: SearchExperiment,
  paired: PairedRunExperiment,
};

export function LabPanel() {
  const { t } = useLocale();
  const experiment = useLab((s) => s.experiment);
  const select = useLab((s) => s.select);
  const View = VIEWS[experiment];
  return (
    <div className="dw-lab" data-testid="panel-lab" data-experiment={experiment}>
      <nav className="dw-lab-nav" aria-label={t('panel.lab.experiments')}>
        {LAB_EXPERIMENTS.map((id) => (
          <button key={id} className={id === experiment ? 'active' : ''} aria-current={id === experiment ? 'true' : undefined}
            data-testid={`lab-exp-${id}`} title={t(`lab.exp.${id}.hint`)} onClick={() => select(id)}>
            {t(`lab.exp.${id}`)}
          </button>
        ))}
      </nav>
      <div className="dw-lab-body" data-testid={`lab-${experiment}`}>
        <View key={experiment} />
      </div>
    </div>
  );
}
