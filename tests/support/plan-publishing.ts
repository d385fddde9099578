import type { TabCall } from './graph-production-app';

/** Three weekday meetings at 16:00 in the library, one online, one hybrid and one face to face. */
export const threeMeetingPlanRequest = {
  count: 3,
  preferredWeekdays: ['tue', 'wed', 'thu'],
  startTime: '16:00',
  durationMinutes: 60,
  modePattern: { kind: 'sequence', modes: ['online', 'hybrid', 'face_to_face'] },
  venues: { kind: 'fixed', venue: 'Kingsmead Academy, Library' },
};

export interface PublishRunBody {
  run: { id: string; status: string; total: number; done: number; failed: number; summary: { created: number; failures: Array<{ meetingId: string; label: string; message: string }> } };
}

/** The tab API path of a community's 2026/27 plan, found as the Schedule page finds it. */
export async function planPathOf(call: TabCall, communityName: string): Promise<string> {
  const years = (await (await call('GET', '/api/v1/academic-years')).json()) as { items: Array<{ id: string; label: string }> };
  const yearId = years.items.find((y) => y.label === '2026/27')!.id;
  const communities = ((await (await call('GET', '/api/v1/planner/communities')).json()) as { items: Array<{ id: string; name: string }> }).items;
  return `/api/v1/communities/${communities.find((c) => c.name === communityName)!.id}/plans/${yearId}`;
}

/** Saves the dates proposed for the three-meeting request as the plan, publishes it and waits (up to 10 s) for the run to end. */
export async function saveProposalAndPublish(call: TabCall, planPath: string): Promise<PublishRunBody['run']> {
  const request = threeMeetingPlanRequest;
  const { proposal } = (await (await call('POST', `${planPath}/proposal`, request)).json()) as { proposal: { meetings: Array<{ startsAt: string; endsAt: string; mode: string; venue: string | null }> } };
  const saved = await call('PUT', planPath, { version: null, request, meetings: proposal.meetings.map(({ startsAt, endsAt, mode, venue }) => ({ startsAt, endsAt, mode, venue })) });
  expect(saved.status).toBe(200);
  let { run } = (await (await call('POST', `${planPath}/publish`)).json()) as PublishRunBody;
  for (let i = 0; i < 200 && run.status === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    ({ run } = (await (await call('GET', `/api/v1/publish-runs/${run.id}`)).json()) as PublishRunBody);
  }
  return run;
}
