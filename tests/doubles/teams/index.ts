export { startTeamsDouble } from './teams-double';
export type { TeamsDouble } from './teams-double';
export { teamsErrors, teamsFaults } from './errors';
export type { ForbiddenCode, TeamsErrorCode } from './errors';
export type * from './types';
