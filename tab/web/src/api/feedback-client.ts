import type { ApiClient } from './client';

/** Types and calls of `/api/v1/feedback`, matching the server's read models in `core/feedback`. */
export type ItemStatus = 'new' | 'discussed_with_slt' | 'action_agreed' | 'implemented' | 'impact_noted';

export const itemStatusLabels: Record<ItemStatus, string> = {
  new: 'New',
  discussed_with_slt: 'Discussed with SLT',
  action_agreed: 'Action agreed',
  implemented: 'Implemented',
  impact_noted: 'Impact noted',
};

export interface FeedbackAccess {
  director: boolean;
  pdLeadAcademies: { id: string; name: string }[];
  ledCommunities: { id: string; name: string }[];
}

export interface FeedbackAnswer {
  keyMessages: string;
  contextualisation: string;
  forSlt: string;
  actions: string;
  nothingToReport: boolean;
  version: number;
  submittedAt: string;
  status: ItemStatus;
  ownerName: string | null;
  dueOn: string | null;
  notes: string;
  locked: boolean;
}

export interface FeedbackItem {
  requestId: string;
  person: { id: string; name: string };
  community: { id: string; name: string };
  meeting: { id: string; title: string; startsAt: string };
  delivery: { status: DeliveryStatus; failureReason: DeliveryFailureReason | null };
  answer: FeedbackAnswer | null;
}

export interface AcademyFeedback {
  academy: { id: string; name: string };
  terms: { id: string; name: string; startsOn: string; endsOn: string }[];
  communities: { id: string; name: string }[];
  responseRates: { communityId: string; communityName: string; asked: number; answered: number; rate: number }[];
  items: FeedbackItem[];
  nextCursor: string | null;
}

export interface AcademyFilters {
  termId?: string;
  communityId?: string;
  status?: ItemStatus | 'unanswered';
}

export interface ItemChange {
  status?: ItemStatus;
  ownerName?: string | null;
  dueOn?: string | null;
  notes?: string;
  locked?: boolean;
}

export interface CommunityOverview {
  community: { id: string; name: string };
  academies: { academyId: string | null; academyName: string; asked: number; answered: number; rate: number; themes: string[] }[];
  /** Meetings that have asked for feedback, newest first, with how their cards fared. */
  meetings: { id: string; title: string; startsAt: string; asked: number; sent: number; failed: number; answered: number }[];
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** Why a card did not arrive, as the sender records it (`core/messaging/card-sender.ts` and the feedback sender). */
export type DeliveryFailureReason = 'blocked' | 'forbidden' | 'not_found' | 'uninstalled' | 'in_doubt' | 'cancelled' | 'throttled' | 'transient';

export type AttendanceSource = 'attendance_report' | 'register' | 'everyone';

export interface DeliveryReport {
  meeting: { id: string; title: string; startsAt: string };
  /** Null until the meeting has ended and a round was started. */
  round: { status: 'awaiting_register' | 'asked'; attendanceSource: AttendanceSource | null; attendanceNote: string | null } | null;
  totals: Record<DeliveryStatus | 'answered', number>;
  recipients: {
    personId: string;
    personName: string;
    status: DeliveryStatus;
    /** Also set on a pending card that will be tried again (Teams busy or unreachable). */
    failureReason: DeliveryFailureReason | null;
    failureMessage: string | null;
    attempts: number;
    sentAt: string | null;
    remindersSent: number;
    answered: boolean;
  }[];
}

export interface TrustOverview {
  academies: { id: string; name: string }[];
  communities: { id: string; name: string }[];
  cells: { academyId: string; communityId: string; asked: number; answered: number; implemented: number; responseRate: number; implementationRate: number }[];
}

export interface MyFeedback {
  items: { requestId: string; communityName: string; meetingTitle: string; startsAt: string; answered: boolean; keyMessages: string; forSlt: string; nothingToReport: boolean; status: string | null }[];
}

export interface SltPack {
  title: string;
  academyName: string;
  periodLabel: string;
  fileStem: string;
  communities: {
    name: string;
    priorities: string[];
    asked: number;
    answered: number;
    items: { personName: string; meetingTitle: string; meetingDate: string; keyMessages: string; contextualisation: string; forSlt: string; actions: string; nothingToReport: boolean; status: string; ownerName: string | null; dueOn: string | null; notes: string }[];
  }[];
}

const query = (values: Record<string, string | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export function feedbackClient(api: ApiClient) {
  return {
    access: (signal?: AbortSignal) => api.requestJson<FeedbackAccess>('GET', '/feedback/access', undefined, signal),
    mine: (signal?: AbortSignal) => api.requestJson<MyFeedback>('GET', '/feedback/mine', undefined, signal),
    academy: (academyId: string, filters: AcademyFilters, signal?: AbortSignal) =>
      api.requestJson<AcademyFeedback>('GET', `/feedback/academies/${academyId}${query({ ...filters, limit: '200' })}`, undefined, signal),
    changeItem: (requestId: string, change: ItemChange) => api.requestJson<{ status: ItemStatus; locked: boolean }>('PATCH', `/feedback/items/${requestId}`, change),
    youSaidWeDid: (academyId: string, communityId: string) => api.requestJson<{ posted: number }>('POST', `/feedback/academies/${academyId}/communities/${communityId}/you-said-we-did`, {}),
    community: (communityId: string, signal?: AbortSignal) => api.requestJson<CommunityOverview>('GET', `/feedback/communities/${communityId}/overview`, undefined, signal),
    trust: (signal?: AbortSignal) => api.requestJson<TrustOverview>('GET', '/feedback/overview', undefined, signal),
    delivery: (meetingId: string, signal?: AbortSignal) => api.requestJson<DeliveryReport>('GET', `/feedback/meetings/${meetingId}/delivery`, undefined, signal),
    sltPack: (academyId: string, from: string, to: string, signal?: AbortSignal) => api.requestJson<SltPack>('GET', `/feedback/academies/${academyId}/slt-pack${query({ from, to })}`, undefined, signal),
    sltPackDocx: (academyId: string, from: string, to: string) => api.download(`/feedback/academies/${academyId}/slt-pack.docx${query({ from, to })}`),
  };
}

export type FeedbackClient = ReturnType<typeof feedbackClient>;
