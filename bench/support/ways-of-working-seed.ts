import type { Database } from '../../core/db/database';
import type { ActivityContext, ActivityPerson } from '../../tests/support/activities';
import { meetingStartEvent, teamsMeetingFor, type TeamsMeeting } from '../../tests/support/meeting-activities';
import type { TeamsDoubleThread } from './teams-double-thread';

export interface OpenedMeeting {
  meetingId: string;
  title: string;
  communityName: string;
  teams: TeamsMeeting;
  lead: ActivityPerson;
  /** Members of the meeting's community (on its date) with an Entra id: the people who press "I'll work this way". */
  members: ActivityPerson[];
}

type Row = Record<string, unknown>;

/**
 * A community meeting whose Ways of Working card has really been opened: the meeting gets a
 * Teams meeting chat, its lead's start event goes through the app's `/api/messages` (which
 * claims the opening and posts the card to the Teams double: in the chat for an online or hybrid
 * meeting, else to the leads), and the opening row must then say `sent`. The community with the
 * most members who can press the button is used, an online or hybrid meeting first.
 */
export async function openWaysOfWorkingMeeting(options: {
  database: Database;
  appUrl: string;
  teams: TeamsDoubleThread;
  ctx: ActivityContext;
  maxMembers: number;
}): Promise<OpenedMeeting> {
  const sql = async (text: string, params: unknown[] = []): Promise<Row[]> => (await options.database.executeSql(text, params)).rows;
  // The first scheduled meeting of the community with the most members (with an Entra id) active on that meeting's date.
  const [meeting] = await sql(
    `select m.id, m.title, c.name as community, c.id as community_id, (m.starts_at at time zone 'Europe/London')::date::text as on_date,
            (select count(*) from memberships ms join people p on p.id = ms.person_id
              where ms.community_id = c.id and p.entra_object_id is not null
                and ms.from_date <= (m.starts_at at time zone 'Europe/London')::date
                and (ms.to_date is null or ms.to_date >= (m.starts_at at time zone 'Europe/London')::date)) as members
       from meetings m join communities c on c.id = m.community_id
      where m.status = 'scheduled'
      order by members desc, m.mode = 'face_to_face', m.starts_at, m.id
      limit 1`,
  );
  if (!meeting) throw new Error('the demo trust has no scheduled meeting');
  const people = await sql(
    `select distinct p.entra_object_id, p.display_name, ms.role = 'lead' as lead
       from memberships ms join people p on p.id = ms.person_id
      where ms.community_id = $1 and p.entra_object_id is not null
        and ms.from_date <= $2::date and (ms.to_date is null or ms.to_date >= $2::date)
      order by p.display_name`,
    [meeting.community_id, meeting.on_date],
  );
  const asPerson = (r: Row): ActivityPerson => ({ aadObjectId: String(r.entra_object_id), name: String(r.display_name) });
  const leadRow = people.find((r) => r.lead === true);
  if (!leadRow) throw new Error(`${String(meeting.community)} has no lead to start its meeting`);
  const members = people.filter((r) => r.lead !== true).map(asPerson).slice(0, options.maxMembers);
  if (members.length < 2) throw new Error(`${String(meeting.community)} has fewer than two members to acknowledge`);

  const meetingId = String(meeting.id);
  const teams = teamsMeetingFor(`bench-${meetingId}`, String(meeting.title));
  await sql('update meetings set chat_thread_id = $1, join_url = $2 where id = $3', [teams.chatId, teams.joinUrl, meetingId]);
  const lead = asPerson(leadRow);
  // On a PostgreSQL database kept between runs the card was opened by an earlier run; it is opened once per meeting.
  const [before] = await sql('select state from meeting_openings where meeting_id = $1', [meetingId]);
  const response = await fetch(`${options.appUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(meetingStartEvent(options.ctx, lead, teams, new Date().toISOString())),
  });
  if (response.status !== 200) throw new Error(`the meeting start event answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const [opening] = await sql('select state from meeting_openings where meeting_id = $1', [meetingId]);
  if (opening?.state !== 'sent') throw new Error(`the Ways of Working card was not opened (opening state ${String(opening?.state)})`);
  const posted = (await options.teams.activities()).filter((a) => JSON.stringify(a.activity.attachments ?? []).includes("I'll work this way"));
  if (posted.length !== (before?.state === 'sent' ? 0 : 1)) throw new Error(`expected the Ways of Working card posted exactly once, found ${posted.length}`);
  await options.teams.resetCalls();
  return { meetingId, title: String(meeting.title), communityName: String(meeting.community), teams, lead, members };
}
