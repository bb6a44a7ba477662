/** CONTRACT STUB: replaced by its helper. */
export function RunsExperiment({ experiment }: { experiment: 'batchnorm' | 'overfitting' | 'init-mnist' }) {
  return <div data-testid="lab-stub">{experiment}</div>;
}
