import { JwtTokenValidation, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient (credentials,
 * then a whole HTTP pipeline each) for every turn, invokes included, which costs more CPU than many
 * of our turns' own work. Neither holds per-turn state, so a connector client is kept per calling
 * app, service URL and audience, as botbuilder's older BotFrameworkAdapter did per service URL, and
 * a user token client per calling app; reusing them also keeps their token caches.
 */
export class ConnectorClientCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly maxClients = 64) {}

  /**
   * A factory that hands out cached clients, building one with `build` only for a new key. `use`
   * keeps apart clients configured differently (replies in a turn keep retries, proactive sends do not).
   */
  factoryFor(claimsIdentity: ClaimsIdentity, build: () => ConnectorFactory, use: 'reply' | 'proactive'): ConnectorFactory {
    const caller = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
    return {
      create: (serviceUrl: string, audience?: string) => this.clientFor(`${use}\n${caller}\n${serviceUrl}\n${audience ?? ''}`, () => build().create(serviceUrl, audience)),
    } as ConnectorFactory;
  }

  /** The user token client for the calling app, built with `build` the first time. */
  userTokenClientFor(claimsIdentity: ClaimsIdentity, build: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.cached(this.userTokenClients, JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '', build);
  }

  private clientFor(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    return this.cached(this.clients, key, create);
  }

  private cached<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    const cached = map.get(key);
    if (cached) return cached;
    // Keys come from activities; a bound keeps a flood of odd ones from growing the map for ever.
    if (map.size >= this.maxClients) map.delete(map.keys().next().value as string);
    const client = create();
    map.set(key, client);
    client.catch(() => map.delete(key));
    return client;
  }
}
