import { JwtTokenValidation, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory } from 'botframework-connector';

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient (credentials, then a whole HTTP pipeline)
 * for every turn, invokes included, which costs more CPU than many of our turns' own work. A client
 * holds no per-turn state, so one is kept per calling app, service URL and audience, as
 * botbuilder's older BotFrameworkAdapter did per service URL; reusing it also keeps its token cache.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly maxClients = 64) {}

  /** A factory that hands out cached clients, building one with `build` only for a new key. */
  factoryFor(claimsIdentity: ClaimsIdentity, build: () => ConnectorFactory): ConnectorFactory {
    const caller = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    return {
      create: (serviceUrl: string, audience?: string) => this.clientFor(`${caller}\n${serviceUrl}\n${audience ?? ''}`, () => build().create(serviceUrl, audience)),
    } as ConnectorFactory;
  }

  private clientFor(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const cached = this.clients.get(key);
    if (cached) return cached;
    // Service URLs come from activities; a bound keeps a flood of odd ones from growing the map for ever.
    if (this.clients.size >= this.maxClients) this.clients.delete(this.clients.keys().next().value as string);
    const client = create();
    this.clients.set(key, client);
    client.catch(() => this.clients.delete(key));
    return client;
  }
}
