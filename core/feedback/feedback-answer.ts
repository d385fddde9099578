import { z } from 'zod';
import type { FeedbackAnswerFields } from '../db/feedback-schema';

export type { FeedbackAnswerFields };

/** Each text answer; long enough for a considered paragraph, short enough for a card under Teams' 28 KB limit. */
export const maxAnswerLength = 2000;

export const answerFieldNames = ['keyMessages', 'contextualisation', 'forSlt', 'actions'] as const;
export type AnswerFieldName = (typeof answerFieldNames)[number];

export const answerFieldLabels: Record<AnswerFieldName, string> = {
  keyMessages: "The meeting's key messages",
  contextualisation: "How you will contextualise the community's priorities in your academy",
  forSlt: 'What your SLT should know or decide',
  actions: 'The actions you will take',
};

export type AnswerErrors = Partial<Record<AnswerFieldName | 'form', string>>;

const text = z.string().optional().default('');

/** What a card submits: text inputs arrive as strings, the toggle as "true"/"false". */
export const submittedAnswerSchema = z.object({
  keyMessages: text,
  contextualisation: text,
  forSlt: text,
  actions: text,
  nothingToReport: z.union([z.boolean(), z.enum(['true', 'false'])]).optional().default(false),
});

/**
 * Checks an answer field by field so the card can show each message next to its field, and keeps
 * exactly what was typed (trimmed only for the checks) so nothing is lost when it is sent back.
 */
export function validateAnswer(input: unknown): { answer: FeedbackAnswerFields; errors: AnswerErrors } {
  const parsed = submittedAnswerSchema.safeParse(input);
  const raw = parsed.success ? parsed.data : { keyMessages: '', contextualisation: '', forSlt: '', actions: '', nothingToReport: false };
  const answer: FeedbackAnswerFields = {
    keyMessages: raw.keyMessages,
    contextualisation: raw.contextualisation,
    forSlt: raw.forSlt,
    actions: raw.actions,
    nothingToReport: raw.nothingToReport === true || raw.nothingToReport === 'true',
  };
  const errors: AnswerErrors = {};
  if (!parsed.success) errors.form = 'Some of what the card sent could not be read. Check your answers and submit again.';
  for (const field of answerFieldNames) {
    const length = answer[field].length;
    if (length > maxAnswerLength) {
      errors[field] = `This is ${length.toLocaleString('en-GB')} characters; please shorten it to ${maxAnswerLength.toLocaleString('en-GB')} or fewer.`;
    }
  }
  const anyText = answerFieldNames.some((field) => answer[field].trim() !== '');
  if (!answer.nothingToReport && !anyText) {
    errors.keyMessages ??= 'Write at least the key messages, or choose "Nothing to report this time".';
  }
  if (answer.nothingToReport && anyText) {
    errors.form = 'You chose "Nothing to report this time" but also wrote answers. Untick it to send your answers, or clear them.';
  }
  return { answer, errors };
}

export const hasErrors = (errors: AnswerErrors): boolean => Object.keys(errors).length > 0;
