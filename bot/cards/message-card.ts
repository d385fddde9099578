import { renderCard, type AdaptiveCard } from './render-card';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${title}', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${message}', wrap: true },
  ],
};

/** A plain card for answers that are only words: errors, confirmations. */
export function messageCard(data: { title: string; message: string }): AdaptiveCard {
  return renderCard(template, data);
}
