// Trust Communities on Azure: one Linux App Service (Node 22 LTS, several instances) serving the
// bot, the tab and its API; PostgreSQL flexible server shared by every instance (data and jobs);
// Key Vault for secrets read through a user-assigned managed identity; Application Insights and
// Log Analytics for the JSON logs; an Azure Bot with the Teams channel.
// Built in CI with `az bicep build` (.github/workflows/build.yml); deployed by `m365agents.yml`.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Prefix for every resource name, e.g. "aspirecomms". Lower-case letters and digits.')
param resourceBaseName string

@description('Azure region for everything but the bot (which is global). UK South keeps data in the UK.')
param location string = resourceGroup().location

@description('The Entra app registration used for the bot, Teams SSO and Graph (see docs/deploy.md).')
param aadAppClientId string

@secure()
@description('Client secret of that app registration; stored in Key Vault, never in app settings.')
param aadAppClientSecret string

@description('The trust\'s Microsoft 365 tenant id.')
param aadAppTenantId string

@description('Shown in Azure and Teams admin pages.')
param botDisplayName string = 'Trust Communities'

@description('App Service plan size: B1 for a pilot, P0v3 or larger for a whole trust.')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('App Service instances; jobs and schedules run once across them (they share PostgreSQL).')
param instanceCount int = 2

@description('PostgreSQL administrator login name.')
param postgresAdminLogin string = 'trustadmin'

@secure()
@description('PostgreSQL administrator password; stored in Key Vault inside DATABASE_URL.')
param postgresAdminPassword string

@description('PostgreSQL compute: Standard_B1ms (Burstable) is enough for one trust.')
param postgresSkuName string = 'Standard_B1ms'

@allowed(['Burstable', 'GeneralPurpose', 'MemoryOptimized'])
param postgresSkuTier string = 'Burstable'

@minValue(32)
param postgresStorageSizeGB int = 32

@description('The app\'s id in the tenant\'s Teams app catalogue (after upload); empty until then.')
param teamsAppCatalogId string = ''

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${resourceBaseName}-identity'
    location: location
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: resourceBaseName
    location: location
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    serverName: '${resourceBaseName}-pg'
    location: location
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    databaseName: 'trustcommunities'
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'keyVault'
  params: {
    name: '${resourceBaseName}-kv'
    location: location
    tenantId: subscription().tenantId
    readerPrincipalId: identity.outputs.principalId
    aadAppClientSecret: aadAppClientSecret
    databaseUrl: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.outputs.fullyQualifiedDomainName}:5432/${postgres.outputs.databaseName}?sslmode=require'
  }
}

module appService 'modules/app-service.bicep' = {
  name: 'appService'
  params: {
    baseName: resourceBaseName
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    identityId: identity.outputs.id
    aadAppClientId: aadAppClientId
    aadAppTenantId: aadAppTenantId
    aadAppClientSecretUri: keyVault.outputs.aadAppClientSecretUri
    databaseUrlSecretUri: keyVault.outputs.databaseUrlSecretUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    teamsAppCatalogId: teamsAppCatalogId
  }
}

module bot 'modules/azure-bot.bicep' = {
  name: 'bot'
  params: {
    name: resourceBaseName
    displayName: botDisplayName
    aadAppClientId: aadAppClientId
    aadAppTenantId: aadAppTenantId
    messagingEndpoint: 'https://${appService.outputs.defaultHostName}/api/messages'
  }
}

// Upper-case names: the Agents Toolkit writes each output into env/.env.<env> under this name.
output APP_SERVICE_RESOURCE_ID string = appService.outputs.id
output TAB_DOMAIN string = appService.outputs.defaultHostName
output TAB_ENDPOINT string = 'https://${appService.outputs.defaultHostName}'
output BOT_ID string = aadAppClientId
output KEY_VAULT_NAME string = keyVault.outputs.name
output POSTGRES_SERVER_NAME string = postgres.outputs.serverName
