import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';

/**
 * botframework-connector builds each ConnectorClient on @azure/core-client with its default
 * pipeline, whose `defaultRetryPolicy` silently retries 429s, 5xx and dropped connections up to
 * three times. Our callers own retries (a durable job queue honouring Retry-After), so a second,
 * hidden layer would multiply sends and hide throttling: every client we use drops that policy.
 */
export function withoutRetries(factory: ConnectorFactory): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      const client = await factory.create(serviceUrl, audience);
      removeRetryPolicy(client);
      return client;
    },
  } as ConnectorFactory;
}

interface PipelineHolder {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

export function removeRetryPolicy(client: ConnectorClient): void {
  const pipeline = (client as unknown as PipelineHolder).client?.pipeline;
  if (!pipeline) throw new Error('botframework-connector changed: the ConnectorClient has no core-client pipeline to remove retries from');
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
}
