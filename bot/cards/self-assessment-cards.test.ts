import { randomUUID } from 'node:crypto';
import { defaultScale } from '../../core/framework/framework-format';
import { readDefaultFramework } from '../../core/framework/default-framework';
import type { AssessmentForm } from '../../core/self-assessment/responses';
import { selfAssessmentDescriptorCard, selfAssessmentReviewCard } from './self-assessment-cards';
import { selfAssessmentInvitationCard } from './self-assessment-invitation-card';
import { selfAssessmentVerbs } from './self-assessment-card-verbs';

function formWith(levels: (number | null)[], overrides: Partial<AssessmentForm> = {}): AssessmentForm {
  const definition = readDefaultFramework();
  const descriptors = definition.descriptors.map((d, i) => ({ ...d, id: randomUUID(), position: i + 1 }));
  return {
    cycle: { id: randomUUID(), name: 'Autumn 2026', opensOn: '2026-11-02', closesOn: '2026-11-27', window: 'open' },
    framework: { id: randomUUID(), key: definition.key, name: definition.name, version: 1, introduction: '', isDefault: true, scale: [...defaultScale], descriptors },
    participantId: randomUUID(),
    personId: randomUUID(),
    status: 'draft',
    submittedAt: null,
    answers: levels.flatMap((level, i) => (level === null ? [] : [{ descriptorId: descriptors[i]!.id, position: i + 1, level, evidence: i === 2 ? 'Closed the audit actions.' : '', developmentStep: '' }])),
    agreedNote: null,
    ...overrides,
  };
}

type Element = Record<string, unknown>;
const find = (card: { body: unknown[] }, predicate: (e: Element) => boolean) => (card.body as Element[]).find(predicate);
const actionsOf = (card: { actions?: unknown[] }) => (card.actions ?? []) as Element[];

describe('self-assessment cards', () => {
  it('shows one descriptor with "3 of 10" progress, the scale as choices and what was saved', () => {
    const card = selfAssessmentDescriptorCard(formWith([3, 2, 4]), 3);
    expect(JSON.stringify(card)).toContain('Autumn 2026 · 3 of 10');
    expect(find(card, (e) => e.text === 'Act with Integrity and Accountability')).toBeDefined();
    const level = find(card, (e) => e.id === 'level')!;
    expect(level.value).toBe('4');
    expect((level.choices as Element[]).map((c) => c.value)).toEqual(['1', '2', '3', '4']);
    expect(find(card, (e) => e.id === 'evidence')!.value).toBe('Closed the audit actions.');
    expect(actionsOf(card).map((a) => [a.title, a.verb])).toEqual([
      ['Save and next', selfAssessmentVerbs.answer],
      ['Back', selfAssessmentVerbs.answer],
      ['Save and stop', selfAssessmentVerbs.answer],
    ]);
  });

  it('has no Back on the first descriptor and offers review on the last', () => {
    expect(actionsOf(selfAssessmentDescriptorCard(formWith([]), 1)).map((a) => a.title)).toEqual(['Save and next', 'Save and stop']);
    expect(actionsOf(selfAssessmentDescriptorCard(formWith([]), 10))[0]!.title).toBe('Save and review');
  });

  it('shows a problem above the descriptor and keeps what the person typed', () => {
    const card = selfAssessmentDescriptorCard(formWith([]), 2, { problem: 'Level 9 is not on the scale.', typed: { level: '', evidence: 'Typed text', developmentStep: 'A step' } });
    expect(find(card, (e) => e.color === 'Attention')!.text).toBe('Level 9 is not on the scale.');
    expect(find(card, (e) => e.id === 'evidence')!.value).toBe('Typed text');
  });

  it('offers Submit only while the cycle is open and the assessment is not yet submitted', () => {
    const open = selfAssessmentReviewCard(formWith([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]), { tabUrl: 'https://app.example/tab/' });
    expect(actionsOf(open).map((a) => a.title)).toEqual(['Submit', 'Change an answer', 'Open in the app']);
    const submitted = selfAssessmentReviewCard(formWith([3, 3, 3, 3, 3, 3, 3, 3, 3, 3], { status: 'submitted' }), { tabUrl: 'https://app.example/tab/' });
    expect(actionsOf(submitted).map((a) => a.title)).toEqual(['Open in the app']);
    expect(JSON.stringify(submitted)).toContain('Submitted: Autumn 2026');
  });

  it('invites with the close date and progress, and says "Carry on" once started', () => {
    const data = { kind: 'reminder' as const, personName: 'Tom Fletcher', cycleId: randomUUID(), cycleName: 'Autumn 2026', closesOn: 'Fri 27 Nov 2026', descriptorCount: 10, answered: 4, tabUrl: 'https://app.example/tab/#/self-assessment' };
    const card = selfAssessmentInvitationCard(data);
    const text = JSON.stringify(card);
    expect(text).toContain('Reminder: Autumn 2026');
    expect(text).toContain('4 of 10 answered');
    expect(actionsOf(card)[0]).toMatchObject({ type: 'Action.Execute', title: 'Carry on here', verb: selfAssessmentVerbs.resume, data: { cycleId: data.cycleId } });
  });
});
