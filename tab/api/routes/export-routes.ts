import { z } from 'zod';
import { assertMayHoldFeed, createFeed, feedCalendar, findFeed, revokeFeed } from '../../../core/exports/calendar-feeds';
import { loadSchedule } from '../../../core/exports/schedule';
import { scheduleCsv } from '../../../core/exports/schedule-csv';
import { scheduleDocx } from '../../../core/exports/schedule-docx';
import { notFound } from '../../../core/errors';
import { defineRoute, FileResponse } from '../api-route';

const feedFileParams = z.object({ file: z.string().describe('`<token>.ics`, as in the address the feed was created with') });
const yearQuery = z.object({
  year: z
    .string({ error: 'year is required, e.g. year=2026/27' })
    .trim()
    .regex(/^\d{4}[/-]\d{2}$/, { error: 'year must look like 2026/27' })
    .transform((year) => year.replace('-', '/')),
});

/** The token inside `<token>.ics`; anything else opens no feed. */
function tokenOf(file: string): string {
  return file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
}

/** ICS feeds to subscribe to, and the trust-wide schedule as CSV and Word. */
export const exportRoutes = [
  defineRoute({
    method: 'post',
    path: '/calendar-feeds',
    summary:
      'Creates a secret calendar (ICS) address for your own meetings or a community you belong to. The address is shown once; keep it private.',
    auth: 'person',
    body: z.object({ kind: z.enum(['community', 'person']), subjectId: z.uuid({ error: 'subjectId must be a person or community id' }) }),
    response: z.object({ url: z.string().describe('Subscribe to this in Outlook, Google Calendar or Apple Calendar.') }),
    handle: async ({ deps, caller, body }) => {
      await assertMayHoldFeed(deps.db, caller.trustId, caller.personId, body, deps.clock.now());
      const feed = await createFeed(deps.db, caller.trustId, body.kind, body.subjectId);
      return { url: `${deps.config.publicBaseUrl}/api/v1/calendar-feeds/${feed.token}.ics` };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/calendar-feeds/:file',
    summary: 'A calendar feed (text/calendar) by its secret address; unknown or revoked addresses are 404.',
    // Calendar apps cannot sign in: the unguessable token in the address is the credential.
    auth: 'none',
    params: feedFileParams,
    response: z.string(),
    produces: 'text/calendar',
    handle: async ({ deps, params }) => {
      const feed = await findFeed(deps.db, tokenOf(params.file));
      if (!feed) throw notFound('The calendar feed');
      return new FileResponse('text/calendar; charset=utf-8', await feedCalendar(deps.db, feed, deps.clock.now()));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/calendar-feeds/:file',
    summary: 'Turns off a calendar feed address you hold, e.g. after sharing it by mistake.',
    auth: 'person',
    params: feedFileParams,
    response: z.object({ revoked: z.literal(true) }),
    handle: async ({ deps, caller, params }) => {
      const token = tokenOf(params.file);
      const feed = await findFeed(deps.db, token);
      if (!feed || feed.trustId !== caller.trustId) throw notFound('The calendar feed');
      await assertMayHoldFeed(deps.db, caller.trustId, caller.personId, feed, deps.clock.now());
      await revokeFeed(deps.db, token, deps.clock.now());
      return { revoked: true as const };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/exports/schedule.csv',
    summary: "The trust's community meetings for an academic year as CSV (UTF-8 with BOM), one row per scheduled meeting.",
    auth: 'person',
    query: yearQuery,
    response: z.string(),
    produces: 'text/csv',
    handle: async ({ deps, caller, query }) => {
      const schedule = await loadSchedule(deps.db, caller.trustId, query.year);
      return new FileResponse('text/csv; charset=utf-8', scheduleCsv(schedule), `${schedule.fileStem}.csv`);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/exports/schedule.docx',
    summary: "The trust's community meetings for an academic year as a printable Word document, a table per community.",
    auth: 'person',
    query: yearQuery,
    response: z.string(),
    produces: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    handle: async ({ deps, caller, query }) => {
      const schedule = await loadSchedule(deps.db, caller.trustId, query.year);
      return new FileResponse(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        await scheduleDocx(schedule),
        `${schedule.fileStem}.docx`,
      );
    },
  }),
];
