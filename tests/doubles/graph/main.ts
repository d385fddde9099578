import { startGraphDouble } from './graph-double';

/** `npm run double:graph [-- PORT]`: a Microsoft Graph v1.0 double on 127.0.0.1 (default port 3980). */
async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 3980);
  const double = await startGraphDouble({ port });
  console.log(`Microsoft Graph double listening at ${double.baseUrl}`);
  const stop = (): void => {
    void double.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
