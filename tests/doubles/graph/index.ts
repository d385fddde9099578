export { startGraphDouble } from './graph-double';
export type { GraphDouble } from './graph-double';
export type { OnlineMeeting } from './calendar-store';
export type { CatalogApp, Installation } from './teamwork-store';
export { maxBatchRequests } from './batch';
export type * from './types';
