export * from './connection';
export * from './data-source';
