import { z } from 'zod';
import { loadCommunityDetails } from '../../../core/communities/community-details';
import { AppError } from '../../../core/errors';
import { defineRoute } from '../api-route';
import { meetingModeSchema } from './api-schemas';

const UPCOMING_MEETING_LIMIT = 10;

const isoDateTime = z.string().describe('ISO 8601 date-time');

const communityParams = z.object({
  communityId: z.uuid({ error: 'communityId must be a community id (a UUID such as the one in the tab address)' }),
});

/** A community's own page (its channel tab): any person in the trust may read it. */
export const communityRoutes = [
  defineRoute({
    method: 'get',
    path: '/communities/:communityId',
    summary:
      "A community's public details for its channel tab: what it is, its priorities and leads, its upcoming meetings and the academic year its schedule exports cover. Open to every person in the trust.",
    auth: 'person',
    params: communityParams,
    response: z.object({
      community: z.object({
        id: z.uuid(),
        name: z.string(),
        kind: z.enum(['community', 'strategic_development_group', 'team_networking_group']),
        description: z.string(),
        priorities: z.array(z.string()),
        memberCount: z.number().int(),
      }),
      leads: z.array(z.object({ id: z.uuid(), displayName: z.string(), academyName: z.string().nullable() })),
      you: z.object({ role: z.enum(['lead', 'member']).nullable() }),
      upcomingMeetings: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          sequence: z.number().int().nullable(),
          startsAt: isoDateTime,
          endsAt: isoDateTime,
          mode: meetingModeSchema,
          venue: z.string().nullable(),
          joinUrl: z.string().nullable(),
        }),
      ),
      academicYearLabel: z.string().nullable().describe('`2026/27`: the year the schedule CSV and Word exports cover; null when the trust has no current or future year.'),
    }),
    handle: async ({ deps, caller, params }) => {
      const details = await loadCommunityDetails(deps.db, caller.trustId, params.communityId, caller.personId, deps.clock.now(), UPCOMING_MEETING_LIMIT);
      if (!details) {
        throw new AppError(
          'community_not_found',
          'There is no community with this id in your trust. It may have been removed; ask the lead who added this tab to set it up again.',
          404,
        );
      }
      return {
        community: {
          id: details.id,
          name: details.name,
          kind: details.kind,
          description: details.description,
          priorities: details.priorities,
          memberCount: details.memberCount,
        },
        leads: details.leads,
        you: { role: details.viewerRole },
        upcomingMeetings: details.upcomingMeetings.map((meeting) => ({
          ...meeting,
          startsAt: meeting.startsAt.toISOString(),
          endsAt: meeting.endsAt.toISOString(),
        })),
        academicYearLabel: details.academicYearLabel,
      };
    },
  }),
];
