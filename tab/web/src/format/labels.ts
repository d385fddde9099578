import type { PeriodKind, PlannerRole } from '../api/planner-types';
import type { CommunityKind, CommunityRole, MeetingMode } from '../api/types';

const meetingModes: Record<MeetingMode, string> = {
  face_to_face: 'Face to face',
  hybrid: 'Hybrid',
  online: 'Online',
};

const communityKinds: Record<CommunityKind, string> = {
  community: 'Community',
  strategic_development_group: 'Strategic development group',
  team_networking_group: 'Team networking group',
};

const communityRoles: Record<CommunityRole, string> = {
  lead: 'Lead',
  member: 'Member',
};

export function meetingModeLabel(mode: MeetingMode): string {
  return meetingModes[mode] ?? mode;
}

export function communityKindLabel(kind: CommunityKind): string {
  return communityKinds[kind] ?? kind;
}

export function communityRoleLabel(role: CommunityRole): string {
  return communityRoles[role] ?? role;
}

const periodKinds: Record<PeriodKind, string> = {
  term: 'Term',
  half_term: 'Half-term',
  inset_day: 'INSET day',
  closure: 'Closure',
  bank_holiday: 'Bank holiday',
};

const plannerRoles: Record<PlannerRole, string> = {
  lead: 'Lead',
  pd_director: 'PD director',
};

export const periodKindOptions = Object.keys(periodKinds) as PeriodKind[];

export function periodKindLabel(kind: PeriodKind): string {
  return periodKinds[kind] ?? kind;
}

export function plannerRoleLabel(role: PlannerRole): string {
  return plannerRoles[role] ?? role;
}
