/** The accounts context's pure part: its decider, stream ids and the fields of an account, without Nest. */
export * from './account/account.decider';
export * from './account/account-fields';
export * from './create-account/create-account.schema';
export * from './update-account/update-account.schema';
