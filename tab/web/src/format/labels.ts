import type { AttendanceSource, DeliveryFailureReason, DeliveryStatus } from '../api/feedback-client';
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

export const meetingModeOptions = Object.keys(meetingModes) as MeetingMode[];

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

const deliveryStatuses: Record<DeliveryStatus, string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Delivered',
  failed: 'Failed',
};

// Completes "Failed: …" in plain words; `blocked` is also what Teams says when the person removed the app.
const deliveryFailureReasons: Record<DeliveryFailureReason, string> = {
  blocked: 'the person blocked or removed the app',
  forbidden: 'Teams does not allow the app to message the person',
  not_found: 'the person or their chat was not found in Teams',
  uninstalled: 'the app is not installed for the person',
  in_doubt: 'sending stopped part-way, so it may have arrived and was not sent again',
  cancelled: 'the meeting was cancelled before it went',
  throttled: 'Teams was too busy',
  transient: 'Teams could not be reached',
};

// Completes "Who was asked: …".
const attendanceSources: Record<AttendanceSource, string> = {
  attendance_report: 'the members on the Teams attendance report',
  register: 'the members ticked on the register a lead confirmed',
  everyone: 'every member of the community',
};

export const deliveryStatusOptions = Object.keys(deliveryStatuses) as DeliveryStatus[];

export function deliveryStatusLabel(status: DeliveryStatus): string {
  return deliveryStatuses[status] ?? status;
}

export function deliveryFailureLabel(reason: DeliveryFailureReason): string {
  return deliveryFailureReasons[reason] ?? reason;
}

export function attendanceSourceLabel(source: AttendanceSource): string {
  return attendanceSources[source] ?? source;
}
