import type { WaysOfWorkingCardData } from '../../core/ways-of-working/meeting-card-data';
import { relaunchCard } from './relaunch-card';
import { linkMeetingCard } from './link-meeting-card';
import { waysOfWorkingCard } from './ways-of-working-card';

/** Every template expression bound, and nothing Teams would refuse for size. */
function problemsOf(card: object): string[] {
  const json = JSON.stringify(card);
  const problems: string[] = [];
  if (json.includes('${')) problems.push('an unbound template expression');
  if (json.length > 28 * 1024) problems.push('over the 28 KB message limit');
  if ((card as { version?: string }).version !== '1.5') problems.push('not Adaptive Cards 1.5');
  return problems;
}

const data: WaysOfWorkingCardData = {
  meetingId: '00000000-0000-4000-8000-000000000001',
  communityId: '00000000-0000-4000-8000-000000000002',
  communityName: 'SEND Community',
  meetingTitle: 'SEN support plans: moderation',
  sequenceLabel: '2 of 5',
  when: 'Wed 18 Nov 2026, 15:45–17:15',
  modeLabel: 'Online',
  venue: null,
  priorities: ['Moderate support plans across phases'],
  frameworkTitle: 'Communities the Aspire Way',
  frameworkVersion: 1,
  values: [{ title: 'Learners first', meaning: 'Every conversation comes back to learners.' }],
  trustBehaviours: ['Challenge ideas, never people.'],
  communityBehaviours: ['Bring one anonymised plan.'],
  communityVersion: 1,
  acknowledgedCount: 3,
  memberCount: 9,
  communityTabUrl: 'https://example.org/tab/#/',
  meetingPageUrl: 'https://example.org/tab/#/meeting?meetingId=x',
  feedbackNote: 'Feedback follows.',
  frameworkVersionId: null,
  communityVersionId: null,
};

describe('the Ways of Working cards', () => {
  it('renders an Adaptive Card 1.5 with every expression bound: the meeting, values, both sets of behaviours and the count', () => {
    const card = waysOfWorkingCard(data);
    expect(problemsOf(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('SEN support plans: moderation (2 of 5)');
    expect(text).toContain('Bring one anonymised plan.');
    expect(text).toContain("3 of 9 members have said they'll work this way.");
  });

  it('puts a notice on top only when there is one', () => {
    expect(JSON.stringify(waysOfWorkingCard(data))).not.toContain('Attention');
    expect(JSON.stringify(waysOfWorkingCard(data, { notice: 'Show this card on screen.' }))).toContain('Show this card on screen.');
  });

  it('answers each press with its own count and lines while the meeting part is shared, and shows an edit at once', () => {
    const first = waysOfWorkingCard(data, { personalLine: 'Thank you, Ana.' });
    const second = waysOfWorkingCard({ ...data, acknowledgedCount: 4 }, { notice: 'Only members are counted.' });
    expect(JSON.stringify(first)).toContain("3 of 9 members have said they'll work this way.");
    expect(JSON.stringify(first)).not.toContain('Only members are counted.');
    expect(JSON.stringify(second)).toContain("4 of 9 members have said they'll work this way.");
    expect(JSON.stringify(second)).not.toContain('Thank you, Ana.');
    expect((second.body[0] as { text?: string }).text).toBe('Only members are counted.');
    expect(Object.isFrozen(first.actions)).toBe(true);

    const edited = waysOfWorkingCard({ ...data, communityBehaviours: ['Share one plan before the meeting.'] });
    expect(JSON.stringify(edited)).toContain('Share one plan before the meeting.');
    expect(JSON.stringify(edited)).not.toContain('Bring one anonymised plan.');
  });

  it('renders the relaunch and meeting-picker cards with every expression bound', () => {
    const relaunch = relaunchCard({ relaunchId: data.meetingId, yearLabel: '2026/27', frameworkTitle: 'Communities the Aspire Way', content: { values: data.values, behaviours: data.trustBehaviours }, reminder: true, acknowledgedOn: null, tabUrl: 'https://example.org/tab/' });
    expect(problemsOf(relaunch)).toEqual([]);
    expect(JSON.stringify(relaunch)).toContain('A reminder');
    const picker = linkMeetingCard([{ meetingId: data.meetingId, label: 'SEN support plans — Wed 18 Nov 2026', startsAt: new Date() }]);
    expect(problemsOf(picker)).toEqual([]);
  });
});
