import { z } from 'zod';
import { AppError } from '../../core/errors';
import { loadForm, openCycleToAnswer, saveAnswers, type AssessmentForm } from '../../core/self-assessment/responses';
import { messageCard } from '../cards/message-card';
import type { AdaptiveCard } from '../cards/render-card';
import { selfAssessmentDescriptorCard, selfAssessmentReviewCard } from '../cards/self-assessment-cards';
import { selfAssessmentVerbs } from '../cards/self-assessment-card-verbs';
import type { BotDependencies } from '../bot-dependencies';
import type { Caller } from '../turn-caller';
import type { CardAction, CardActionTurn } from './card-action';

const resumeData = z.object({ cycleId: z.uuid().optional() });
const answerData = z.object({
  cycleId: z.uuid({ error: 'this card does not name a self-assessment cycle' }),
  position: z.coerce.number().int().min(1),
  move: z.enum(['next', 'back', 'stop', 'open']),
  level: z.string().optional().default(''),
  evidence: z.string().optional().default(''),
  developmentStep: z.string().optional().default(''),
});
const submitData = z.object({ cycleId: z.uuid({ error: 'this card does not name a self-assessment cycle' }) });

const notInDirectory = (caller: Caller) =>
  messageCard({ title: 'We could not find you', message: `You are not in ${caller.trust.name}'s directory of staff, so there is no self-assessment for you.` });

/** The card to carry on with: the first descriptor without a level, or the review card when all have one. */
export function nextCardFor(form: AssessmentForm, tabUrl: string): AdaptiveCard {
  if (form.status === 'submitted' || form.cycle.window !== 'open') return selfAssessmentReviewCard(form, { tabUrl });
  const levels = new Map(form.answers.map((a) => [a.descriptorId, a.level]));
  const next = form.framework.descriptors.find((d) => levels.get(d.id) == null);
  return next ? selfAssessmentDescriptorCard(form, next.position) : selfAssessmentReviewCard(form, { tabUrl });
}

/** Where the person is up to in their open cycle (or the one the card names). */
export async function resumeCard(deps: BotDependencies, caller: Caller, cycleId?: string): Promise<AdaptiveCard> {
  if (!caller.person) return notInDirectory(caller);
  const now = deps.clock.now();
  const id = cycleId ?? (await openCycleToAnswer(deps.db, caller.trust.id, caller.person.id, now));
  if (!id) return messageCard({ title: 'No self-assessment open', message: 'You have no self-assessment open at the moment. Your results from earlier cycles are in the app.' });
  return nextCardFor(await loadForm(deps.db, caller.trust.id, id, caller.person.id, now), deps.tabUrl);
}

async function answer({ caller, deps, data }: CardActionTurn): Promise<AdaptiveCard> {
  if (!caller.person) return notInDirectory(caller);
  const parsed = answerData.safeParse(data);
  if (!parsed.success) return messageCard({ title: 'That card is out of date', message: `Type "self-assessment" to carry on where you left off (${parsed.error.issues[0]!.message}).` });
  const input = parsed.data;
  const now = deps.clock.now();
  const form = await loadForm(deps.db, caller.trust.id, input.cycleId, caller.person.id, now);
  const descriptor = form.framework.descriptors.find((d) => d.position === input.position);
  if (!descriptor) return nextCardFor(form, deps.tabUrl);
  if (input.move === 'open') return selfAssessmentDescriptorCard(form, input.position);
  if (form.status === 'submitted' || form.cycle.window !== 'open') return selfAssessmentReviewCard(form, { tabUrl: deps.tabUrl });

  const level = input.level.trim() === '' ? null : Number(input.level);
  if (level !== null && !Number.isInteger(level)) {
    const choices = form.framework.scale.map((s) => `${s.level} (${s.label})`).join(', ');
    return selfAssessmentDescriptorCard(form, input.position, { problem: `"${input.level}" is not a level on the scale: choose ${choices}.`, typed: input });
  }
  let saved: AssessmentForm;
  try {
    saved = await saveAnswers(deps.db, now, {
      trustId: caller.trust.id,
      callerPersonId: caller.person.id,
      personId: caller.person.id,
      cycleId: input.cycleId,
      answers: [{ descriptorId: descriptor.id, level, evidence: input.evidence, developmentStep: input.developmentStep }],
      submit: false,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return selfAssessmentDescriptorCard(form, input.position, { problem: error.message, typed: input });
  }
  const positions = saved.framework.descriptors.map((d) => d.position);
  const index = positions.indexOf(input.position);
  if (input.move === 'stop') {
    return messageCard({ title: 'Saved', message: `Your answers are saved. Type "self-assessment" or open the app to carry on before "${saved.cycle.name}" closes.` });
  }
  if (input.move === 'back') return selfAssessmentDescriptorCard(saved, positions[Math.max(0, index - 1)]!);
  const following = positions[index + 1];
  return following === undefined ? selfAssessmentReviewCard(saved, { tabUrl: deps.tabUrl }) : selfAssessmentDescriptorCard(saved, following);
}

async function submit({ caller, deps, data }: CardActionTurn): Promise<AdaptiveCard> {
  if (!caller.person) return notInDirectory(caller);
  const parsed = submitData.safeParse(data);
  if (!parsed.success) return messageCard({ title: 'That card is out of date', message: 'Type "self-assessment" to carry on where you left off.' });
  const now = deps.clock.now();
  try {
    const form = await saveAnswers(deps.db, now, { trustId: caller.trust.id, callerPersonId: caller.person.id, personId: caller.person.id, cycleId: parsed.data.cycleId, answers: [], submit: true });
    return selfAssessmentReviewCard(form, { tabUrl: deps.tabUrl });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const form = await loadForm(deps.db, caller.trust.id, parsed.data.cycleId, caller.person.id, now);
    return selfAssessmentReviewCard(form, { tabUrl: deps.tabUrl, problem: error.message });
  }
}

export const selfAssessmentCardActions: CardAction[] = [
  { verb: selfAssessmentVerbs.resume, handle: async ({ caller, deps, data }) => resumeCard(deps, caller, resumeData.safeParse(data).data?.cycleId) },
  { verb: selfAssessmentVerbs.answer, handle: answer },
  { verb: selfAssessmentVerbs.submit, handle: submit },
];
