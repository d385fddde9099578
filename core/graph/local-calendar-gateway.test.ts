import { LocalCalendarGateway, localJoinUrlPrefix } from './local-calendar-gateway';
import type { NewCalendarEvent } from './graph-gateway';

const organizer = 'ada@oak-trust.example';

const meeting = (number: number, online = true): NewCalendarEvent => ({
  transactionId: `occurrence-${number}`,
  subject: `Community ${number}`,
  bodyHtml: '<p>Agenda</p>',
  startsAt: new Date(Date.UTC(2026, 9, number, 15)),
  endsAt: new Date(Date.UTC(2026, 9, number, 16)),
  attendees: [{ email: 'grace@oak-trust.example', name: 'Grace Hopper' }],
  online,
});

describe('LocalCalendarGateway', () => {
  it('gives online events local ids and join URLs marked as local, the same on every run', async () => {
    const first = await new LocalCalendarGateway().createEvents(organizer, [meeting(1), meeting(2, false)]);
    const second = await new LocalCalendarGateway().createEvents(organizer, [meeting(1), meeting(2, false)]);

    expect(first).toEqual(second);
    expect(first[0]).toEqual({ ok: true, eventId: 'local-event-ada@oak-trust.example-1', iCalUId: 'local-ical-ada@oak-trust.example-1', joinUrl: `${localJoinUrlPrefix}ada@oak-trust.example-1` });
    expect(first[1]).not.toHaveProperty('joinUrl');
  });

  it('creates nothing new when a create is repeated with the same transaction id', async () => {
    const gateway = new LocalCalendarGateway();
    await gateway.createEvents(organizer, [meeting(1)]);
    await gateway.createEvents(organizer, [meeting(1)]);

    expect(gateway.events(organizer)).toHaveLength(1);
  });

  it('finds the chat thread for a local join URL', async () => {
    const gateway = new LocalCalendarGateway();
    const [created] = await gateway.createEvents(organizer, [meeting(1)]);
    if (!created?.ok || !created.joinUrl) throw new Error('no join URL');

    expect(await gateway.findMeetingChatThreadId(organizer, created.joinUrl)).toEqual({ ok: true, threadId: '19:meeting_local-ada@oak-trust.example-1@thread.v2' });
  });

  it('reports updates and cancellations since the last delta token', async () => {
    const gateway = new LocalCalendarGateway();
    const created = await gateway.createEvents(organizer, [meeting(1), meeting(2)]);
    const [a, b] = created.map((result) => (result.ok ? result.eventId : ''));
    const first = await gateway.changedEvents(organizer);
    if (!first.ok) throw new Error(first.message);

    await gateway.updateEvents(organizer, [{ eventId: a ?? '', subject: 'Moved' }]);
    await gateway.cancelEvents(organizer, [{ eventId: b ?? '', comment: 'Snow day' }]);

    expect(await gateway.changedEvents(organizer, first.deltaToken)).toMatchObject({
      ok: true,
      changes: [
        { kind: 'changed', eventId: a, subject: 'Moved' },
        { kind: 'removed', eventId: b },
      ],
    });
    expect(await gateway.cancelEvents(organizer, [{ eventId: b ?? '', comment: 'Snow day' }])).toEqual([{ ok: true, eventId: b, alreadyCancelled: true }]);
    expect(await gateway.updateEvents(organizer, [{ eventId: 'missing', subject: 'x' }])).toEqual([expect.objectContaining({ ok: false, status: 404 })]);
  });
});
