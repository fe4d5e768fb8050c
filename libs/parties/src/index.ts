export * from './parties';
export * from './masking';
export * from './responses';
export * as partyFields from './request-fields';
