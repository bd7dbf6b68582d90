// The typed API functions, by area (docs/api.md). Views import from here.
export * from './auth';
export * from './regions';
export * from './indicators';
export * from './alerts';
export * from './households';
export * from './users';
export * from './audit';
export * from './structure';
export * from './visits';
export * from './worklists';
export { ApiError } from './client';
export type * from './types';
