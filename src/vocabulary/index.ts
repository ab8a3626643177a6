/**
 * The words server and web share: roles and rights, error codes, the application lifecycle, the closed sets of
 * statuses and kinds. Pure data and types, no I/O; the web imports these, never anything under src/server.
 */
export * from './roles';
export * from './error-codes';
export * from './application-lifecycle';
export * from './domain-values';
