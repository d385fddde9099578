import type { InvitationCardData } from '../../core/self-assessment/invitations';
import template from './self-assessment-invitation-card.json';
import { renderCard, type AdaptiveCard } from './render-card';

/** The card that invites a person to a self-assessment cycle, or reminds them (at most twice). */
export function selfAssessmentInvitationCard(data: InvitationCardData): AdaptiveCard {
  const started = data.answered > 0;
  return renderCard(template, {
    heading: data.kind === 'invitation' ? `Self-assessment: ${data.cycleName}` : `Reminder: ${data.cycleName}`,
    message:
      data.kind === 'invitation'
        ? `${data.personName}, it is time to reflect on how you work against our ${data.descriptorCount} service descriptors. It takes about 15 minutes.`
        : `${data.personName}, your self-assessment is not submitted yet. It closes on ${data.closesOn}.`,
    closesOn: data.closesOn,
    progress: `${data.answered} of ${data.descriptorCount} answered`,
    startLabel: started ? 'Carry on here' : 'Start here',
    cycleId: data.cycleId,
    tabUrl: data.tabUrl,
  });
}
