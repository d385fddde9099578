import type { WaysOfWorkingCardData } from '../../core/ways-of-working/meeting-card-data';
import type { WaysOfWorkingCards } from '../../core/ways-of-working/meeting-opening';
import type { RelaunchCards } from '../../core/ways-of-working/relaunch';
import { relaunchCard } from './relaunch-card';
import template from './ways-of-working-card.json';
import { waysOfWorkingVerbs } from './ways-of-working-card-verbs';
import { renderCard, type AdaptiveCard } from './render-card';

export interface WaysOfWorkingCardOptions {
  /** A line on top: for the lead's on-screen copy, or to tell an outsider why their press did not count. */
  notice?: string;
  /** A line for the person looking, after they acknowledged. */
  personalLine?: string;
}

/** The card that opens a meeting: the community, the meeting, the values and behaviours in force on its date. */
export function waysOfWorkingCard(data: WaysOfWorkingCardData, options: WaysOfWorkingCardOptions = {}): AdaptiveCard {
  const mode = data.venue ? `${data.modeLabel}, ${data.venue}` : data.modeLabel;
  return renderCard(template, {
    notice: options.notice ?? '',
    personalLine: options.personalLine ?? '',
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
    acknowledgedLine: acknowledgedLine(data.acknowledgedCount, data.memberCount),
    feedbackNote: data.feedbackNote,
    communityTabUrl: data.communityTabUrl,
    meetingPageUrl: data.meetingPageUrl,
    acknowledgeVerb: waysOfWorkingVerbs.acknowledge,
    refreshVerb: waysOfWorkingVerbs.refresh,
  });
}

function acknowledgedLine(count: number, members: number): string {
  if (count === 0) return `No one has said "I'll work this way" yet (${members} members).`;
  return `${count} of ${members} ${members === 1 ? 'member has' : 'members have'} said they'll work this way.`;
}

export const waysOfWorkingCards: WaysOfWorkingCards & RelaunchCards = {
  opening: (data, options) => waysOfWorkingCard(data, options),
  relaunch: (data) => relaunchCard(data),
};
