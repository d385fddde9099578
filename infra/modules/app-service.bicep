// Linux App Service on Node 22 LTS running `node dist/app/main.js`; every secret is a Key Vault
// reference resolved with the user-assigned identity. `/readyz` is the health check, so an instance
// that is shutting down (or cannot reach its database) leaves the load balancer's rotation.
param baseName string
param location string
param sku string
param instanceCount int
param identityId string
param aadAppClientId string
param aadAppTenantId string
param aadAppClientSecretUri string
param databaseUrlSecretUri string
param applicationInsightsConnectionString string
param logAnalyticsWorkspaceId string
param teamsAppCatalogId string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var hostName = '${baseName}-app.azurewebsites.net'

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/app/main.js'
      alwaysOn: true
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${hostName}' }
        { name: 'LOG_LEVEL', value: 'info' }
        { name: 'SEED_DEMO_DATA', value: 'false' }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecretUri})' }
        { name: 'MICROSOFT_APP_ID', value: aadAppClientId }
        { name: 'MICROSOFT_APP_PASSWORD', value: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretUri})' }
        { name: 'MICROSOFT_APP_TYPE', value: 'SingleTenant' }
        { name: 'MICROSOFT_APP_TENANT_ID', value: aadAppTenantId }
        { name: 'GRAPH_CLIENT_ID', value: aadAppClientId }
        { name: 'GRAPH_CLIENT_SECRET', value: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretUri})' }
        { name: 'SSO_CLIENT_ID', value: aadAppClientId }
        { name: 'SSO_APP_ID_URI', value: 'api://${hostName}/${aadAppClientId}' }
        { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
}

resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'app-logs'
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

output id string = site.id
output defaultHostName string = site.properties.defaultHostName
