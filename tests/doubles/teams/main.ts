import { startTeamsDouble } from './teams-double';

/** `npm run double:teams [-- PORT]`: a Bot Connector double on 127.0.0.1 (default port 3979). */
async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 3979);
  const double = await startTeamsDouble({ port });
  console.log(`Teams Bot Connector double listening at ${double.serviceUrl}`);
  const stop = (): void => {
    void double.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
