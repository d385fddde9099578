import type { Db } from '../../core/db/database';
import { academicYears, communities, meetingPlans, meetings, memberships, people, trusts } from '../../core/db/schema';
import type { MeetingMode } from '../../core/meetings/meeting-mode';

export interface PublishSeedShape {
  communities: number;
  meetingsPerCommunity: number;
  /** Leads (organiser mailboxes); community i is led by lead i mod leads. */
  leads: number;
  membersPerCommunity: number;
}

export interface SeededTrust {
  trustId: string;
  yearId: string;
  /** The email domain of everyone in the trust, so each phase of the bench has its own mailboxes. */
  domain: string;
  plans: Array<{ communityId: string; leadPersonId: string; leadEmail: string }>;
}

const modes: MeetingMode[] = ['face_to_face', 'online', 'online', 'hybrid'];

/** A trust with saved, unpublished 2026/27 plans for every community, written straight to the tables. */
export async function seedPublishTrust(db: Db, tag: string, shape: PublishSeedShape): Promise<SeededTrust> {
  const domain = `${tag}.bench.example`;
  const [trust] = await db.insert(trusts).values({ tenantId: `bench-${tag}`, name: `Bench trust ${tag}` }).returning();
  const trustId = trust!.id;
  const [year] = await db.insert(academicYears).values({ trustId, label: '2026/27', startsOn: '2026-09-01', endsOn: '2027-07-23' }).returning();
  const leads = await db
    .insert(people)
    .values(Array.from({ length: shape.leads }, (_, i) => ({ trustId, displayName: `Lead ${i + 1}`, email: `lead${i + 1}@${domain}` })))
    .returning();
  const memberPool = await db
    .insert(people)
    .values(Array.from({ length: 120 }, (_, i) => ({ trustId, displayName: `Member ${i + 1}`, email: `member${i + 1}@${domain}` })))
    .returning();
  const rows = await db
    .insert(communities)
    .values(Array.from({ length: shape.communities }, (_, i) => ({ trustId, slug: `community-${i + 1}`, name: `Community ${i + 1}`, priorities: ['Reading for pleasure', 'Assessment'] })))
    .returning();

  const plans: SeededTrust['plans'] = [];
  for (const [i, community] of rows.entries()) {
    const lead = leads[i % leads.length]!;
    const members = Array.from({ length: shape.membersPerCommunity }, (_, m) => memberPool[(i * 7 + m) % memberPool.length]!);
    await db.insert(memberships).values([
      { trustId, communityId: community.id, personId: lead.id, role: 'lead' as const, fromDate: '2026-09-01' },
      ...members.map((member) => ({ trustId, communityId: community.id, personId: member.id, role: 'member' as const, fromDate: '2026-09-01' })),
    ]);
    const [plan] = await db
      .insert(meetingPlans)
      .values({ trustId, communityId: community.id, academicYearId: year!.id, request: { count: shape.meetingsPerCommunity, source: 'bench' } })
      .returning();
    await db.insert(meetings).values(
      Array.from({ length: shape.meetingsPerCommunity }, (_, k) => {
        // Spread over the year's Tuesdays to Thursdays, 16:00 UTC, an hour each.
        const startsAt = new Date(Date.UTC(2026, 8, 8 + k * 35 + (i % 3), 16, 0));
        const mode = modes[(i + k) % modes.length]!;
        return {
          trustId,
          communityId: community.id,
          academicYearId: year!.id,
          planId: plan!.id,
          sequence: k + 1,
          title: `${community.name} meeting ${k + 1} of ${shape.meetingsPerCommunity}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3600_000),
          mode,
          venue: mode === 'online' ? null : `Academy ${(i % 6) + 1}, Library`,
        };
      }),
    );
    plans.push({ communityId: community.id, leadPersonId: lead.id, leadEmail: lead.email });
  }
  return { trustId, yearId: year!.id, domain, plans };
}
