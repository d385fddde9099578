export { startEntraDouble } from './entra-double';
export type { EntraDouble } from './entra-double';
export { botFrameworkIssuer, botFrameworkTenantId, issuerV1, issuerV2, teamsClientId } from './token-minter';
export type * from './types';
