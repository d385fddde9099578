import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { auditLog, memberships, personRoles } from '../db/schema';
import { forbidden } from '../errors';
import { currentMembership } from '../planner/planner-permissions';

/**
 * Who may read whose feedback, decided on the server: members their own answers, PD leads their
 * academy's, community leads their community's, the PD director everything.
 */
export interface FeedbackScope {
  trustId: string;
  personId: string;
  director: boolean;
  pdLeadAcademyIds: string[];
  ledCommunityIds: string[];
}

export async function feedbackScope(db: Db, trustId: string, personId: string, now: Date): Promise<FeedbackScope> {
  const [roles, led] = await Promise.all([
    db
      .select({ role: personRoles.role, academyId: personRoles.academyId })
      .from(personRoles)
      .where(and(eq(personRoles.trustId, trustId), eq(personRoles.personId, personId))),
    db
      .selectDistinct({ communityId: memberships.communityId })
      .from(memberships)
      .where(and(eq(memberships.trustId, trustId), eq(memberships.personId, personId), eq(memberships.role, 'lead'), currentMembership(now))),
  ]);
  return {
    trustId,
    personId,
    director: roles.some((r) => r.role === 'pd_director'),
    pdLeadAcademyIds: roles.filter((r) => r.role === 'pd_lead' && r.academyId).map((r) => r.academyId as string),
    ledCommunityIds: led.map((r) => r.communityId),
  };
}

export function requireAcademyReader(scope: FeedbackScope, academyId: string): void {
  if (scope.director || scope.pdLeadAcademyIds.includes(academyId)) return;
  throw forbidden("Only the academy's PD lead and the PD director can see its colleagues' feedback.");
}

export function requireCommunityReader(scope: FeedbackScope, communityId: string): void {
  if (scope.director || scope.ledCommunityIds.includes(communityId)) return;
  throw forbidden("Only the community's leads and the PD director can see its feedback overview.");
}

export function requireDirector(scope: FeedbackScope): void {
  if (!scope.director) throw forbidden('Only the PD director can see feedback across all academies.');
}

/** Every read of other people's feedback is recorded: who, what, and how many answers they saw. */
export async function auditFeedbackRead(db: Db, scope: FeedbackScope, subject: string, detail: Record<string, unknown>): Promise<void> {
  await db.insert(auditLog).values({ trustId: scope.trustId, actorPersonId: scope.personId, action: 'feedback.read', subject, detail });
}
