export * from './accounts.module';
export * from './account/roles';
export * from './account/account.decider';
