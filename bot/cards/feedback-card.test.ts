import type { FeedbackCardView } from '../../core/feedback/feedback-card-view';
import { feedbackVerbs } from './feedback-card-verbs';
import { feedbackRequestCard } from './feedback-card';
import { registerCard } from './register-card';

const view: FeedbackCardView = {
  requestId: '0b3f7a52-6a4c-4f0e-9c55-3f1d2c3b4a59',
  version: 0,
  recipientAadObjectId: 'fd5a7e9b-37e6-4464-92ee-14d73801ed5a',
  mode: 'form',
  meeting: { title: 'Autumn launch', when: 'Tue 15 Sep 2026, 15:45–17:15', communityName: 'Professional Development Community', priorities: ['Gather feedback'] },
  answer: { keyMessages: 'Coaching works', contextualisation: '', forSlt: '', actions: 'x'.repeat(2001), nothingToReport: false },
  errors: { actions: 'This is 2,001 characters; please shorten it to 2,000 or fewer.' },
  notice: 'Please check the highlighted answers; nothing has been saved yet.',
};

type Element = { type?: string; id?: string; value?: unknown; text?: string; color?: string; items?: Element[] };
const flatten = (elements: Element[]): Element[] => elements.flatMap((e) => [e, ...flatten(e.items ?? [])]);

describe('the feedback card', () => {
  it('keeps what was typed and shows the problem right after its field, with a refresh for the recipient only', () => {
    const card = feedbackRequestCard(view);
    const elements = flatten(card.body as Element[]);
    const actionsField = elements.findIndex((e) => e.id === 'actions');
    expect(elements[actionsField]?.value).toBe('x'.repeat(2001));
    expect(elements[actionsField + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: expect.stringContaining('2,001 characters') });
    expect(elements.find((e) => e.id === 'keyMessages')?.value).toBe('Coaching works');
    expect(card.refresh).toEqual({ action: { type: 'Action.Execute', verb: feedbackVerbs.refresh, data: { requestId: view.requestId } }, userIds: ['8:orgid:fd5a7e9b-37e6-4464-92ee-14d73801ed5a'] });
    expect(card.actions).toEqual([expect.objectContaining({ verb: feedbackVerbs.submit, data: { requestId: view.requestId, version: 0 } })]);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it('shows the answers with Edit once submitted, and without Edit once locked', () => {
    const answered = feedbackRequestCard({ ...view, mode: 'answered', version: 1, errors: {}, notice: null, answer: { ...view.answer, actions: 'Share the model' } });
    expect(flatten(answered.body as Element[]).some((e) => e.type === 'Input.Text')).toBe(false);
    expect(answered.actions).toEqual([expect.objectContaining({ verb: feedbackVerbs.edit })]);
    const locked = feedbackRequestCard({ ...view, mode: 'locked', version: 1, errors: {}, notice: null });
    expect(locked.actions).toEqual([]);
    expect(JSON.stringify(locked)).toContain('locked');
    expect(feedbackRequestCard({ ...view, recipientAadObjectId: null })).not.toHaveProperty('refresh');
  });

  it('ticks every member on the register until it is confirmed', () => {
    const members = [
      { personId: 'a', name: 'Ann', academy: 'Brookfield' },
      { personId: 'b', name: 'Ben', academy: 'Hollins Lane' },
    ];
    const open = registerCard({ meetingId: 'm', meeting: { title: 'T', when: 'W', communityName: 'C' }, members, confirmed: null, notice: null });
    expect(JSON.stringify(open)).toContain('"value":"a,b"');
    const done = registerCard({ meetingId: 'm', meeting: { title: 'T', when: 'W', communityName: 'C' }, members, confirmed: 'Confirmed by Ann.', notice: null });
    expect(done.actions).toEqual([]);
    expect(JSON.stringify(done)).not.toContain('Input.ChoiceSet');
  });
});
