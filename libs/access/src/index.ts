/*
 * Who may do what, pure (no Nest, no I/O): the roles, the authenticated actor, the scope rules
 * (which records an actor may see) and the personal-data rule. libs/http's guard and decorators,
 * libs/accounts and every context's handlers apply them.
 */
export * from './roles';
export * from './actor';
export * from './scope';
export * from './opening-mediator';
export * from './command-meta';
export * from './account-ref';
