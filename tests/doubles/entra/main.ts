import os from 'node:os';
import path from 'node:path';
import { persistentCertificate } from '../shared/tls-certificate';
import { startEntraDouble } from './entra-double';

/**
 * `npm run double:entra [-- PORT] [--https]`: Entra ID / Bot Framework OpenID double (default port 3981).
 * Register apps with ENTRA_DOUBLE_APPS="clientId:secret:tenantId,..." .
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = Number(args.find((arg) => /^\d+$/.test(arg)) ?? process.env.PORT ?? 3981);
  const useHttps = args.includes('--https');
  const certificate = useHttps ? await persistentCertificate(path.join(os.tmpdir(), 'trust-communities-entra-double')) : undefined;
  const apps = (process.env.ENTRA_DOUBLE_APPS ?? '')
    .split(',')
    .filter((entry) => entry.includes(':'))
    .map((entry) => {
      const [clientId = '', clientSecret = '', tenantId = 'botframework.com'] = entry.split(':');
      return { clientId, clientSecret, tenantId };
    });
  const double = await startEntraDouble({ port, https: certificate, apps });
  console.log(`Entra ID double listening at ${double.url}`);
  console.log(`  Bot Framework metadata: ${double.botFrameworkOpenIdMetadataUrl}`);
  console.log(`  Tenant metadata:        ${double.openIdMetadataUrl('{tenantId}')}`);
  if (certificate) console.log(`  Trust it with NODE_EXTRA_CA_CERTS=${certificate.certPath}`);
  const stop = (): void => {
    void double.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
