import type { RelaunchCardData } from '../../core/ways-of-working/relaunch';
import { renderCard, type AdaptiveCard } from './render-card';
import { waysOfWorkingVerbs } from './ways-of-working-card-verbs';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', $when: '${reminder}', text: 'A reminder: you have not yet signed up to this year\'s Ways of Working.', wrap: true, color: 'Attention' },
    { type: 'TextBlock', text: '${frameworkTitle}: ${yearLabel}', size: 'Large', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: 'Every community in the trust works this way. Please read it and say you will work this way this year.', wrap: true },
    { type: 'TextBlock', text: 'Our values', weight: 'Bolder', wrap: true, separator: true },
    { type: 'FactSet', facts: [{ $data: '${values}', title: '${title}', value: '${meaning}' }] },
    { type: 'TextBlock', text: 'How we behave', weight: 'Bolder', wrap: true },
    { type: 'TextBlock', $data: '${behaviours}', text: '- ${$data}', wrap: true, spacing: 'None' },
    { type: 'TextBlock', $when: "${acknowledgedOn != ''}", text: 'Thank you: you said you will work this way on ${acknowledgedOn}.', wrap: true, color: 'Good', weight: 'Bolder', separator: true },
  ],
  actions: [
    { type: 'Action.Execute', $when: "${acknowledgedOn == ''}", title: "I'll work this way this year", verb: '${verb}', data: { relaunchId: '${relaunchId}' }, style: 'positive' },
    { type: 'Action.OpenUrl', title: 'Open the app', url: '${tabUrl}' },
  ],
};

/** The annual relaunch card, sent to every community member in their personal chat. */
export function relaunchCard(data: RelaunchCardData): AdaptiveCard {
  return renderCard(template, {
    relaunchId: data.relaunchId,
    yearLabel: data.yearLabel,
    frameworkTitle: data.frameworkTitle,
    values: data.content.values,
    behaviours: data.content.behaviours,
    reminder: data.reminder,
    acknowledgedOn: data.acknowledgedOn ?? '',
    tabUrl: data.tabUrl,
    verb: waysOfWorkingVerbs.acknowledgeRelaunch,
  });
}
