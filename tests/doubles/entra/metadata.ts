import { botFrameworkIssuer, issuerV1, issuerV2 } from './token-minter';

/**
 * OpenID metadata documents. Issuers are Microsoft's real issuer strings (what production
 * validation expects); every endpoint points back at the double.
 */
export function botFrameworkMetadata(baseUrl: string): Record<string, unknown> {
  return {
    issuer: botFrameworkIssuer,
    authorization_endpoint: 'https://invalid.botframework.com',
    jwks_uri: `${baseUrl}/v1/.well-known/keys`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  };
}

export function tenantMetadataV2(baseUrl: string, tenantId: string): Record<string, unknown> {
  return {
    issuer: issuerV2(tenantId),
    authorization_endpoint: `${baseUrl}/${tenantId}/oauth2/v2.0/authorize`,
    token_endpoint: `${baseUrl}/${tenantId}/oauth2/v2.0/token`,
    device_authorization_endpoint: `${baseUrl}/${tenantId}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${baseUrl}/${tenantId}/oauth2/v2.0/logout`,
    jwks_uri: `${baseUrl}/${tenantId}/discovery/v2.0/keys`,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'name', 'oid', 'tid', 'preferred_username', 'ver'],
    request_uri_parameter_supported: false,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

export function tenantMetadataV1(baseUrl: string, tenantId: string): Record<string, unknown> {
  return {
    issuer: issuerV1(tenantId),
    authorization_endpoint: `${baseUrl}/${tenantId}/oauth2/authorize`,
    token_endpoint: `${baseUrl}/${tenantId}/oauth2/token`,
    end_session_endpoint: `${baseUrl}/${tenantId}/oauth2/logout`,
    jwks_uri: `${baseUrl}/common/discovery/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
  };
}

/** Answer to MSAL's instance discovery (`/common/discovery/instance`), naming the double's host. */
export function instanceDiscovery(baseUrl: string, authorizationEndpoint: string): Record<string, unknown> {
  const host = new URL(baseUrl).host;
  return {
    tenant_discovery_endpoint: authorizationEndpoint.replace(/oauth2\/v2\.0\/authorize$/, 'v2.0/.well-known/openid-configuration'),
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
