/* `me` or an account id in a request: pure, so it lives with the access rules (libs/access); re-exported for the HTTP edge. */
export { accountRef, resolveAccountRef } from '@lc/access';
