/**
 * The gradient check's last answer, kept while another experiment or tab is shown: busy while
 * the engine works, then the result or the error, with the graph it was for (to say when the
 * graph has changed since).
 */
import { create } from 'zustand';
import type { graph as g, protocol } from '../../../../../../engine';
import { requestGradCheck } from '../../../../lab/runner';
import { engineError, type CheckError } from './gradCheckReport';

interface GradCheckState {
  busy: boolean;
  result: protocol.GradCheckResult | null;
  error: CheckError | null;
  /** The graph the result or error is about. */
  graph: g.Graph | null;
  run(graph: g.Graph): Promise<void>;
  /** Records a problem found before asking the engine (an invalid graph). */
  fail(graph: g.Graph, error: CheckError): void;
}

export const useGradCheck = create<GradCheckState>()((set, get) => ({
  busy: false,
  result: null,
  error: null,
  graph: null,

  async run(graph) {
    if (get().busy) return;
    set({ busy: true, error: null, result: null, graph });
    try {
      const result = await requestGradCheck(graph);
      set({ busy: false, result });
    } catch (e) {
      set({ busy: false, error: engineError(e) });
    }
  },

  fail(graph, error) {
    set({ busy: false, result: null, error, graph });
  },
}));
