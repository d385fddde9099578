import { z } from 'zod';
import { graphErrorText, type GraphJsonClient } from './graph-json-client';

/** Who attended an online or hybrid Teams meeting, by Entra object id and email. */
export type AttendanceResult =
  | { ok: true; attendees: { entraObjectId: string | null; email: string | null }[] }
  | { ok: false; message: string };

export interface AttendanceGateway {
  /** Every attendance report of the meeting found by its join URL in the organiser's mailbox. */
  attendeesOf(organizerEntraObjectId: string, joinUrl: string): Promise<AttendanceResult>;
}

const meetingsPage = z.object({ value: z.array(z.object({ id: z.string() })) });
const reportsPage = z.object({ value: z.array(z.object({ id: z.string() })) });
const recordsPage = z.object({
  value: z.array(
    z.object({
      emailAddress: z.string().nullish(),
      identity: z.object({ id: z.string().nullish() }).nullish(),
    }),
  ),
  '@odata.nextLink': z.string().optional(),
});

/** Attendance from Graph's meeting attendance reports (`OnlineMeetingArtifact.Read.All` with an application access policy). */
export class GraphAttendanceGateway implements AttendanceGateway {
  constructor(private readonly graph: GraphJsonClient) {}

  async attendeesOf(organizer: string, joinUrl: string): Promise<AttendanceResult> {
    const user = `/users/${encodeURIComponent(organizer)}`;
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const found = await this.graph.request('GET', `${user}/onlineMeetings?$filter=${filter}`);
    const meetings = found.status === 200 ? meetingsPage.safeParse(found.body) : null;
    if (!meetings?.success) return { ok: false, message: `Graph could not find the online meeting (${graphErrorText(found)}).` };
    const meeting = meetings.data.value[0];
    if (!meeting) return { ok: false, message: 'Graph has no online meeting with this join link.' };
    const listed = await this.graph.request('GET', `${user}/onlineMeetings/${encodeURIComponent(meeting.id)}/attendanceReports`);
    const reports = listed.status === 200 ? reportsPage.safeParse(listed.body) : null;
    if (!reports?.success) return { ok: false, message: `Graph did not list the attendance reports (${graphErrorText(listed)}).` };
    if (reports.data.value.length === 0) return { ok: false, message: 'The meeting has no attendance report yet.' };
    const attendees: { entraObjectId: string | null; email: string | null }[] = [];
    for (const report of reports.data.value) {
      let next: string | undefined = `${user}/onlineMeetings/${encodeURIComponent(meeting.id)}/attendanceReports/${encodeURIComponent(report.id)}/attendanceRecords`;
      while (next) {
        const answer = await this.graph.request('GET', next);
        const page = answer.status === 200 ? recordsPage.safeParse(answer.body) : null;
        if (!page?.success) return { ok: false, message: `Graph did not return the attendance records (${graphErrorText(answer)}).` };
        for (const record of page.data.value) {
          attendees.push({ entraObjectId: record.identity?.id?.toLowerCase() ?? null, email: record.emailAddress?.toLowerCase() ?? null });
        }
        next = page.data['@odata.nextLink'];
      }
    }
    return { ok: true, attendees };
  }
}
