/** The learning lab's engine side: the course's experiments as pure functions over the engine. */
export * from './expression';
export * from './paths';
export * from './initActivations';
export * from './search';
export * from './variants';
