/**
 * The tensor operations, backend-free. Importing this module also installs the gradient table.
 */
export * from './creation';
export * from './elementwise';
export * from './layout';
export * from './reduce';
export * from './linalg';
export * from './conv';
export * from './convert';
export { backward, DIFFERENTIABLE_OPS, type DifferentiableOp } from '../autograd/gradients';
export { noGrad, withStraightThroughStep, isRecording } from '../autograd/tape';
export * from './update';
export { scope } from '../core/tensor';
