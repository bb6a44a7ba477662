/**
 * DeepWire's engine, public surface: tensors and ops, autograd, layers, losses, optimisers, the
 * node registry and graphs, data, training and the project file. The renderer and the Electron
 * main process import from here only.
 */
export { Tensor, scope, type NestedArray } from './core/tensor';
export type { DType, TypedArray } from './core/dtype';
export { Random } from './core/random';
export * from './core/errors';
export type { Shape } from './core/shape';
export type { Backend } from './backend/backend';
export { getBackend, registerBackend, setBackend } from './backend/registry';
export * as ops from './ops';
export * as nn from './nn';
export * as data from './data';
export * as graph from './graph';
export * as train from './train';
export * as protocol from './protocol';
export * as cpu from './backend/cpu/threads';
export * as webgpu from './backend/webgpu/connect';
export * as project from './project';
export * as i18n from './i18n';
export * as lab from './lab';
export * as exporter from './export';
export { gradCheck, gradCheckTensors, relativeError, type GradCheckResult } from './testing/gradcheck';
