export * from './decider';
export * from './domain-error';
export * from './clock';
export * from './calendar';
export * from './named-periods';
export * from './deadlines';
// Pure (node:assert only), so specs anywhere can use it through @lc/decider.
export * from './testing/given-when-then';
