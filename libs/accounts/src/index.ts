export * from './accounts.module';
export * from './account/account.decider';
// For contexts that manage accounts of their own kind (the informant registry creates and deactivates informants' accounts).
export { CreateAccountCommand } from './create-account/create-account.command';
export { UpdateAccountCommand } from './update-account/update-account.command';
export * from './account/require-active-account';
// For the API's setup (configure-api): rate limits and the small body of requests without a token.
export { requestLimits, UNAUTHENTICATED_BODY_LIMIT_BYTES } from './auth/request-limits';
export * from './login-guard/login-guard.decider';
export { MIN_PASSWORD_LENGTH } from './account/account-fields';
// For the demo, which creates every demo account with one password and hashes it once.
export { PasswordHasher } from './auth/password';
