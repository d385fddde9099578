import { z } from 'zod';
import { communitiesForPerson, findPersonById, upcomingMeetingsForPerson } from '../../../core/directory/people-directory';
import { notFound } from '../../../core/errors';
import { defineRoute } from '../api-route';
import { meetingModeSchema } from './api-schemas';

const isoDateTime = z.string().describe('ISO 8601 date-time');

export const meRoutes = [
  defineRoute({
    method: 'get',
    path: '/me',
    summary: 'The signed-in person.',
    auth: 'person',
    response: z.object({
      person: z.object({
        id: z.uuid(),
        displayName: z.string(),
        email: z.string(),
        jobTitle: z.string().nullable(),
        academyName: z.string().nullable(),
        roles: z.array(z.string()),
      }),
    }),
    handle: async ({ deps, caller }) => {
      const person = await findPersonById(deps.db, caller.trustId, caller.personId);
      if (!person) throw notFound('Your profile');
      return {
        person: {
          id: person.id,
          displayName: person.displayName,
          email: person.email,
          jobTitle: person.jobTitle,
          academyName: person.academyName,
          roles: person.roles,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/communities',
    summary: 'The communities the signed-in person belongs to, their role in each and its next meeting.',
    auth: 'person',
    response: z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          kind: z.enum(['community', 'strategic_development_group', 'team_networking_group']),
          role: z.enum(['lead', 'member']),
          description: z.string(),
          priorities: z.array(z.string()),
          nextMeeting: z
            .object({ id: z.uuid(), startsAt: isoDateTime, endsAt: isoDateTime, mode: meetingModeSchema, venue: z.string().nullable() })
            .nullable(),
        }),
      ),
    }),
    handle: async ({ deps, caller }) => {
      const communities = await communitiesForPerson(deps.db, caller.trustId, caller.personId, deps.clock.now());
      return {
        items: communities.map((c) => ({
          id: c.id,
          name: c.name,
          kind: c.kind,
          role: c.role,
          description: c.description,
          priorities: c.priorities,
          nextMeeting: c.nextMeeting
            ? {
                id: c.nextMeeting.id,
                startsAt: new Date(c.nextMeeting.startsAt).toISOString(),
                endsAt: new Date(c.nextMeeting.endsAt).toISOString(),
                mode: c.nextMeeting.mode,
                venue: c.nextMeeting.venue,
              }
            : null,
        })),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/meetings',
    summary: 'Upcoming meetings of the signed-in person\'s communities, soonest first.',
    auth: 'person',
    query: z.object({ limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(100, 'limit must be at most 100').default(10) }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          communityId: z.uuid(),
          communityName: z.string(),
          title: z.string(),
          startsAt: isoDateTime,
          endsAt: isoDateTime,
          mode: meetingModeSchema,
          venue: z.string().nullable(),
          joinUrl: z.string().nullable(),
        }),
      ),
    }),
    handle: async ({ deps, caller, query }) => {
      const meetings = await upcomingMeetingsForPerson(deps.db, caller.trustId, caller.personId, deps.clock.now(), query.limit);
      return {
        items: meetings.map((m) => ({
          id: m.id,
          communityId: m.communityId,
          communityName: m.communityName,
          title: m.title,
          startsAt: new Date(m.startsAt).toISOString(),
          endsAt: new Date(m.endsAt).toISOString(),
          mode: m.mode,
          venue: m.venue,
          joinUrl: m.joinUrl,
        })),
      };
    },
  }),
];
