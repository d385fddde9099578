import { CardFactory } from 'botbuilder';
import { resumeCard } from '../card-actions/self-assessment-card-actions';
import type { Command } from './command';

export const selfAssessmentCommand: Command = {
  name: 'self-assessment',
  triggers: ['self assessment', 'selfassessment', 'my self assessment', 'assessment'],
  description: 'Carries on with your self-assessment against the service descriptors, one descriptor at a time.',
  needsPerson: true,
  handle: async ({ context, caller, deps }) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await resumeCard(deps, caller))] });
  },
};
