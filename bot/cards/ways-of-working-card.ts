import { boundedMemo } from '../../core/memo/bounded-memo';
import type { WaysOfWorkingCardData } from '../../core/ways-of-working/meeting-card-data';
import type { WaysOfWorkingCards } from '../../core/ways-of-working/meeting-opening';
import type { RelaunchCards } from '../../core/ways-of-working/relaunch';
import { relaunchCard } from './relaunch-card';
import template from './ways-of-working-card.json';
import statusTemplate from './ways-of-working-card-status.json';
import { waysOfWorkingVerbs } from './ways-of-working-card-verbs';
import { deepFrozen, expandTemplate, renderCard, type AdaptiveCard } from './render-card';

export interface WaysOfWorkingCardOptions {
  /** A line on top: for the lead's on-screen copy, or to tell an outsider why their press did not count. */
  notice?: string;
  /** A line for the person looking, after they acknowledged. */
  personalLine?: string;
}

/** What the meeting's part of the card shows: the same for every press until the meeting or its versions change. */
interface MeetingPart {
  meetingId: string;
  communityName: string;
  meetingLine: string;
  when: string;
  modeLine: string;
  priorities: string[];
  frameworkTitle: string;
  values: WaysOfWorkingCardData['values'];
  trustBehaviours: string[];
  communityBehaviours: string[];
  communityTabUrl: string;
  meetingPageUrl: string;
  acknowledgeVerb: string;
  refreshVerb: string;
}

interface StatusLines {
  top: unknown[];
  bottom: unknown[];
}

// Every press in a meeting answers with the same values and behaviours, so that part is expanded
// once per content (the key is the content itself, so an edit can never show a stale card) and
// only the count and the personal lines are expanded per press.
const meetingPartCard = boundedMemo((part: MeetingPart) => deepFrozen(renderCard(template, part)), (part) => JSON.stringify(part), 256);

/** The card that opens a meeting: the community, the meeting, the values and behaviours in force on its date. */
export function waysOfWorkingCard(data: WaysOfWorkingCardData, options: WaysOfWorkingCardOptions = {}): AdaptiveCard {
  const mode = data.venue ? `${data.modeLabel}, ${data.venue}` : data.modeLabel;
  const meeting = meetingPartCard({
    meetingId: data.meetingId,
    communityName: data.communityName,
    meetingLine: data.sequenceLabel ? `${data.meetingTitle} (${data.sequenceLabel})` : data.meetingTitle,
    when: data.when,
    modeLine: mode,
    priorities: data.priorities,
    frameworkTitle: data.frameworkTitle,
    values: data.values,
    trustBehaviours: data.trustBehaviours,
    communityBehaviours: data.communityBehaviours,
    communityTabUrl: data.communityTabUrl,
    meetingPageUrl: data.meetingPageUrl,
    acknowledgeVerb: waysOfWorkingVerbs.acknowledge,
    refreshVerb: waysOfWorkingVerbs.refresh,
  });
  const status = expandTemplate(statusTemplate, {
    notice: options.notice ?? '',
    personalLine: options.personalLine ?? '',
    acknowledgedLine: acknowledgedLine(data.acknowledgedCount, data.memberCount),
    feedbackNote: data.feedbackNote,
  }) as StatusLines;
  return { ...meeting, body: [...status.top, ...meeting.body, ...status.bottom] };
}

function acknowledgedLine(count: number, members: number): string {
  if (count === 0) return `No one has said "I'll work this way" yet (${members} members).`;
  return `${count} of ${members} ${members === 1 ? 'member has' : 'members have'} said they'll work this way.`;
}

export const waysOfWorkingCards: WaysOfWorkingCards & RelaunchCards = {
  opening: (data, options) => waysOfWorkingCard(data, options),
  relaunch: (data) => relaunchCard(data),
};
