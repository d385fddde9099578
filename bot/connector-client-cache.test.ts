import { ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';
import { ConnectorClientCache } from './connector-client-cache';

/** A factory that counts what it builds; each client is a distinct object. */
function countingFactory(builds: string[], failFor?: string): () => ConnectorFactory {
  return () =>
    ({
      create: async (serviceUrl: string, audience?: string) => {
        builds.push(`${serviceUrl} ${audience ?? ''}`);
        if (serviceUrl === failFor) throw new Error('token endpoint unreachable');
        return { serviceUrl } as unknown as ConnectorClient;
      },
    }) as ConnectorFactory;
}

const teams = (appId: string) => new ClaimsIdentity([{ type: 'appid', value: appId }], true);

describe('ConnectorClientCache', () => {
  it('builds one client per service URL and audience, and hands the same one to later turns', async () => {
    const builds: string[] = [];
    const cache = new ConnectorClientCache();
    const first = await cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive').create('https://smba.example/emea/', 'https://api.botframework.com');
    const again = await cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive').create('https://smba.example/emea/', 'https://api.botframework.com');
    const otherRegion = await cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive').create('https://smba.example/amer/', 'https://api.botframework.com');
    expect(again).toBe(first);
    expect(otherRegion).not.toBe(first);
    expect(builds).toHaveLength(2);
  });

  it('keeps callers apart: a skill calling in gets its own client', async () => {
    const builds: string[] = [];
    const cache = new ConnectorClientCache();
    const fromChannel = await cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive').create('https://smba.example/emea/');
    const fromSkill = await cache.factoryFor(teams('another-bot'), countingFactory(builds), 'proactive').create('https://smba.example/emea/');
    expect(fromSkill).not.toBe(fromChannel);
  });

  it('keeps replies in a turn and proactive sends on separate clients, as they are configured differently', async () => {
    const builds: string[] = [];
    const cache = new ConnectorClientCache();
    const reply = await cache.factoryFor(teams('channel'), countingFactory(builds), 'reply').create('https://smba.example/emea/');
    const proactive = await cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive').create('https://smba.example/emea/');
    expect(await cache.factoryFor(teams('channel'), countingFactory(builds), 'reply').create('https://smba.example/emea/')).toBe(reply);
    expect(proactive).not.toBe(reply);
    expect(builds).toHaveLength(2);
  });

  it('does not keep a failed build, so the next turn tries again', async () => {
    const builds: string[] = [];
    const cache = new ConnectorClientCache();
    const factory = cache.factoryFor(teams('channel'), countingFactory(builds, 'https://down.example/'), 'proactive');
    await expect(factory.create('https://down.example/')).rejects.toThrow('unreachable');
    await expect(factory.create('https://down.example/')).rejects.toThrow('unreachable');
    expect(builds).toHaveLength(2);
  });

  it('forgets the oldest client beyond its bound', async () => {
    const builds: string[] = [];
    const cache = new ConnectorClientCache(2);
    const factory = cache.factoryFor(teams('channel'), countingFactory(builds), 'proactive');
    await factory.create('https://a.example/');
    await factory.create('https://b.example/');
    await factory.create('https://c.example/');
    await factory.create('https://a.example/');
    expect(builds).toEqual(['https://a.example/ ', 'https://b.example/ ', 'https://c.example/ ', 'https://a.example/ ']);
  });

  it('builds one user token client per calling app', async () => {
    const cache = new ConnectorClientCache();
    let builds = 0;
    const build = async () => {
      builds += 1;
      return { builds } as unknown as UserTokenClient;
    };
    const first = await cache.userTokenClientFor(teams('channel'), build);
    const again = await cache.userTokenClientFor(teams('channel'), build);
    const skill = await cache.userTokenClientFor(teams('another-bot'), build);
    expect(again).toBe(first);
    expect(skill).not.toBe(first);
    expect(builds).toBe(2);
  });
});
