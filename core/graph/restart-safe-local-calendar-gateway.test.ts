import { RestartSafeLocalCalendarGateway } from './restart-safe-local-calendar-gateway';

const event = (transactionId: string, online: boolean) => ({
  transactionId,
  subject: 'Maths leads',
  bodyHtml: '<p>Hello</p>',
  startsAt: new Date('2026-10-06T14:45:00Z'),
  endsAt: new Date('2026-10-06T16:15:00Z'),
  attendees: [],
  online,
});

describe('RestartSafeLocalCalendarGateway', () => {
  it('gives the same ids for a transactionId in a new instance, as after a restart', async () => {
    const first = await new RestartSafeLocalCalendarGateway().createEvents('ada@oak.example', [event('tx-1', true), event('tx-2', false)]);
    const again = await new RestartSafeLocalCalendarGateway().createEvents('ada@oak.example', [event('tx-1', true), event('tx-2', false)]);
    expect(again).toEqual(first);
    expect(first[0]).toEqual({ ok: true, eventId: 'local-tx-1', iCalUId: 'local-ical-tx-1', joinUrl: 'https://teams.local.invalid/meet/tx-1' });
    expect(first[1]).toEqual({ ok: true, eventId: 'local-tx-2', iCalUId: 'local-ical-tx-2' });
  });

  it('updates, cancels and finds the chat of an event it never saw in memory', async () => {
    const gateway = new RestartSafeLocalCalendarGateway();
    expect(await gateway.updateEvents('ada@oak.example', [{ eventId: 'local-tx-1', online: true }])).toEqual([
      { ok: true, eventId: 'local-tx-1', iCalUId: 'local-ical-tx-1', joinUrl: 'https://teams.local.invalid/meet/tx-1' },
    ]);
    expect(await gateway.cancelEvents('ada@oak.example', [{ eventId: 'local-tx-1', comment: 'Sorry' }])).toEqual([{ ok: true, eventId: 'local-tx-1', alreadyCancelled: false }]);
    expect(await gateway.findMeetingChatThreadId('ada@oak.example', 'https://teams.local.invalid/meet/tx-1')).toEqual({ ok: true, threadId: '19:local-tx-1@thread.v2' });
    expect((await gateway.updateEvents('ada@oak.example', [{ eventId: 'AAMkAGI2' }]))[0]).toMatchObject({ ok: false, status: 404 });
  });
});
