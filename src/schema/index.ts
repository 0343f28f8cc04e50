// The one home of runtime validation: persisted state, URL queries, traces, stored runs, the zoo manifest and model files.
export * from './fields';
export * from './settings';
export * from './persisted';
export * from './trace-pack';
export * from './presets';
export * from './url';
export * from './manifest';
export * from './model-json';
export * from './model-weights';
