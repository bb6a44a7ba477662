import { describe, expect, it } from 'vitest';
import { graph as g } from '../../../../../../engine';
import { EXAMPLES } from '../../../../../../assets/examples/definitions';
import { featurePixels, featureScale, hiddenActivationId, perceptronSpecs, perceptronVerdict, runAccuracy, xorSpec } from './perceptron';
import { epoch, fakeRun } from './testRuns';

const example = (name: string) => EXAMPLES.find((e) => e.name === name)!.graph;

describe('perceptronVerdict', () => {
  it('says learned once every point is right, for any data set', () => {
    expect(perceptronVerdict('and', fakeRun('and', { status: 'running', epochs: [epoch(1, 0.5, 0.75), epoch(2, 0, 1)] }))).toBe('learned');
    expect(perceptronVerdict('xor', fakeRun('xor', { status: 'completed', test: { loss: 0, accuracy: 1 } }))).toBe('learned');
  });

  it('says XOR cannot be separated by one line when the perceptron ends short of it', () => {
    expect(perceptronVerdict('xor', fakeRun('xor', { status: 'completed', test: { loss: 0.5, accuracy: 0.5 }, epochs: [epoch(1, 0.5, 0.75)] }))).toBe('xor');
  });

  it('says AND or OR need more epochs when they end unseparated, and waits while training', () => {
    expect(perceptronVerdict('or', fakeRun('or', { status: 'completed', test: { loss: 0.25, accuracy: 0.75 } }))).toBe('notYet');
    expect(perceptronVerdict('xor', fakeRun('xor', { status: 'running', epochs: [epoch(1, 0.5, 0.5)] }))).toBe('pending');
    expect(perceptronVerdict('and', undefined)).toBe('idle');
    expect(perceptronVerdict('and', fakeRun('and', { status: 'failed' }))).toBe('failed');
  });

  it('prefers the final test evaluation over the last epoch’s running accuracy', () => {
    expect(runAccuracy(fakeRun('x', { test: { loss: 0, accuracy: 1 }, epochs: [epoch(1, 0.2, 0.75)] }))).toBe(1);
    expect(runAccuracy(fakeRun('x', { epochs: [epoch(1, 0.2, 0.75)] }))).toBe(0.75);
    expect(runAccuracy(fakeRun('x'))).toBeNull();
  });
});

describe('hiddenActivationId', () => {
  it('finds the XOR net’s hidden tanh, and nothing in a perceptron whose Dense feeds a step… which is an activation', () => {
    expect(hiddenActivationId(example('xor-mlp'))).toBe('tanh');
    expect(hiddenActivationId(example('mnist-mlp'))).toBe('relu1');
    expect(hiddenActivationId({ nodes: [], edges: [] })).toBeNull();
  });
});

describe('featurePixels', () => {
  it('paints a tanh unit orange at −1, near-white at 0 and blue at +1, symmetric about 0', () => {
    // unit 0: filler; unit 1: the 2×2 grid [−1, 0, 0.5, 1].
    const values = new Float32Array([9, 9, 9, 9, -1, 0, 0.5, 1]);
    const px = featurePixels(values, 1, 2);
    expect([...px.subarray(0, 4)]).toEqual([245, 147, 34, 255]);
    expect([...px.subarray(4, 8)]).toEqual([246, 247, 248, 255]);
    expect([...px.subarray(12, 16)]).toEqual([8, 119, 189, 255]);
    // Half-way to blue.
    expect(px[8]).toBe(Math.round(246 + (8 - 246) * 0.5));
  });

  it('scales a non-negative unit (ReLU) from 0 to its largest value and rejects a short grid', () => {
    expect(featureScale(new Float32Array([0, 2, 4, 1]), 0, 4)).toEqual({ lo: 0, hi: 4 });
    expect(featureScale(new Float32Array([-0.5, 0.25]), 0, 2)).toEqual({ lo: -0.5, hi: 0.5 });
    expect(() => featurePixels(new Float32Array(3), 0, 2)).toThrow(/too short/);
  });
});

describe('the perceptron runs', () => {
  it('trains the same perceptron on AND, OR and XOR, and the 2-layer net on XOR; all compile', () => {
    const specs = perceptronSpecs('lab-p', (d) => `P ${d}`);
    expect(specs.map((s) => s.graph.nodes.find((n) => n.kind === 'Dataset')!.params.source)).toEqual(['and', 'or', 'xor']);
    expect(specs.map((s) => s.label)).toEqual(['P and', 'P or', 'P xor']);
    const xor = xorSpec('lab-x', 'XOR');
    for (const s of [...specs, xor]) {
      expect(() => g.compileGraph(s.graph)).not.toThrow();
      expect(s.options?.boundaryResolution).toBeGreaterThan(0);
    }
    expect(specs[2].graph.nodes.filter((n) => n.kind !== 'Dataset')).toEqual(specs[0].graph.nodes.filter((n) => n.kind !== 'Dataset'));
  });
});
