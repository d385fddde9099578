/** Wire types for the tab API (`/api/v1`). Timestamps are ISO 8601 strings. */

export type SessionMode = 'local' | 'production';

export interface Session {
  mode: SessionMode;
  trustName: string;
  version: string;
}

export interface PersonSummary {
  id: string;
  displayName: string;
  email: string;
  academyName: string | null;
  roles: string[];
}

export interface PeopleResponse {
  items: PersonSummary[];
}

export interface Person {
  id: string;
  displayName: string;
  email: string;
  jobTitle: string | null;
  academyName: string | null;
  roles: string[];
}

export interface MeResponse {
  person: Person;
}

export type CommunityKind = 'community' | 'strategic_development_group' | 'team_networking_group';

export type CommunityRole = 'lead' | 'member';

export type MeetingMode = 'face_to_face' | 'hybrid' | 'online';

export interface NextMeeting {
  id: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
}

export interface MyCommunity {
  id: string;
  name: string;
  kind: CommunityKind;
  role: CommunityRole;
  description: string;
  priorities: string[];
  nextMeeting: NextMeeting | null;
}

export interface MyCommunitiesResponse {
  items: MyCommunity[];
}

export interface MyMeeting {
  id: string;
  communityId: string;
  communityName: string;
  title: string;
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  venue: string | null;
  joinUrl: string | null;
}

export interface MyMeetingsResponse {
  items: MyMeeting[];
}

/** One problem with a request body: where it is (`behaviours.2`) and what to do about it. */
export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    correlationId: string;
    /** Sent with `invalid_request`. */
    issues?: ApiIssue[];
  };
}
