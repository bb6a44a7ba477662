/**
 * A compiled network: the layers of a wired DAG, run in dependency order. Branches and skip
 * connections (Add, Concat) work because each step reads the outputs of the nodes it is wired to.
 */
import type { Tensor } from '../core/tensor';
import type { Layer, Parameter } from '../nn/Layer';
import { add } from '../ops';

export interface ModelStep {
  readonly nodeId: string;
  readonly layer: Layer;
  /** Nodes whose outputs feed this step, in port order. */
  readonly inputs: readonly string[];
}

export interface ForwardResult {
  /** What the network predicts (after a final Softmax/Sigmoid). */
  readonly prediction: Tensor;
  /** What the loss receives (before a fused final activation: the logits). */
  readonly lossInput: Tensor;
  /** Every node's output, by node id — for probes and activations views. */
  readonly outputs: ReadonlyMap<string, Tensor>;
}

export class GraphModel {
  constructor(
    readonly steps: readonly ModelStep[],
    /** The Dataset node whose x feeds the network. */
    readonly inputNode: string,
    readonly predictionNode: string,
    readonly lossInputNode: string,
  ) {}

  forward(x: Tensor): ForwardResult {
    const outputs = new Map<string, Tensor>([[this.inputNode, x]]);
    for (const step of this.steps) {
      outputs.set(step.nodeId, step.layer.forward(...step.inputs.map((id) => outputs.get(id)!)));
    }
    return { prediction: outputs.get(this.predictionNode)!, lossInput: outputs.get(this.lossInputNode)!, outputs };
  }

  /** Layers by node id, in dependency order. */
  layers(): ReadonlyMap<string, Layer> {
    return new Map(this.steps.map((s) => [s.nodeId, s.layer]));
  }

  parameters(): Parameter[] {
    return this.steps.flatMap((s) => s.layer.parameters());
  }

  parameterCount(): number {
    return this.steps.reduce((n, s) => n + s.layer.parameterCount(), 0);
  }

  regularizationLoss(): Tensor | null {
    let total: Tensor | null = null;
    for (const s of this.steps) {
      const term = s.layer.regularizationLoss();
      if (term) total = total ? add(total, term) : term;
    }
    return total;
  }

  train(): this {
    for (const s of this.steps) s.layer.training = true;
    return this;
  }

  eval(): this {
    for (const s of this.steps) s.layer.training = false;
    return this;
  }
}
