import { MailboxLimiter } from './mailbox-limiter';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('MailboxLimiter', () => {
  it('lets no more than 4 permits run at once per mailbox and starts waiters in order', async () => {
    const limiter = new MailboxLimiter(4);
    const batch = deferred();
    const started: string[] = [];
    const running = limiter.run('Ada@trust.example', 4, async () => {
      started.push('batch');
      await batch.promise;
    });
    const single = limiter.run('ada@trust.example', 1, async () => {
      started.push('single');
    });
    const otherMailbox = limiter.run('grace@trust.example', 1, async () => {
      started.push('other mailbox');
    });
    await otherMailbox;

    expect(started).toEqual(['batch', 'other mailbox']);
    expect(limiter.held('ada@trust.example')).toBe(4);
    batch.resolve();
    await Promise.all([running, single]);
    expect(started).toEqual(['batch', 'other mailbox', 'single']);
    expect(limiter.held('ada@trust.example')).toBe(0);
  });
});
