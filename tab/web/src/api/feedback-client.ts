import type * as schema from '../../../../core/db/schema';
import type * as collation from '../../../../core/feedback/feedback-collation';
import type * as overviews from '../../../../core/feedback/feedback-overviews';
import type * as rounds from '../../../../core/feedback/feedback-rounds';
import type * as workflow from '../../../../core/feedback/feedback-workflow';
import type * as slt from '../../../../core/feedback/slt-pack';
import type { ApiClient } from './client';
import type { Json } from './json';

/** Types and calls of `/api/v1/feedback`: the read models are core/feedback's, as JSON. */
export type ItemStatus = collation.ItemStatus;

// The labels are core's too, but repeated here so the bundle takes no code from core.
export const itemStatusLabels: Record<ItemStatus, string> = {
  new: 'New',
  discussed_with_slt: 'Discussed with SLT',
  action_agreed: 'Action agreed',
  implemented: 'Implemented',
  impact_noted: 'Impact noted',
};

/** Built by the route from the caller's scope; core has no type for it. */
export interface FeedbackAccess {
  director: boolean;
  pdLeadAcademies: { id: string; name: string }[];
  ledCommunities: { id: string; name: string }[];
}

export type FeedbackItem = Json<collation.FeedbackItem>;
export type FeedbackAnswer = NonNullable<FeedbackItem['answer']>;
export type AcademyFeedback = Json<collation.AcademyFeedback>;

/** The filters the tab offers; it asks for one long page instead of following cursors. */
export type AcademyFilters = Pick<collation.CollationFilters, 'termId' | 'communityId' | 'status'>;

export type ItemChange = Json<workflow.ItemChange>;
export type CommunityOverview = Json<overviews.CommunityOverview>;
export type DeliveryStatus = collation.DeliveryStatus;
/** Why a card did not arrive, as the sender records it. */
export type DeliveryFailureReason = schema.FeedbackFailureReason;
export type AttendanceSource = rounds.AttendanceSource;
export type DeliveryReport = Json<overviews.DeliveryReport>;
export type TrustOverview = Json<overviews.TrustOverview>;
export type MyFeedback = Json<overviews.MyFeedback>;
export type SltPack = Json<slt.SltPack>;

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
