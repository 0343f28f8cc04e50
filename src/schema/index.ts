// The one home of runtime validation: persisted state today, URL queries, traces and imported models next.
export * from './fields';
export * from './settings';
export * from './persisted';
export * from './trace-pack';
export * from './presets';
export * from './url';
