import type { AdaptiveCard } from '../messaging/card-sender';
import type { AnswerErrors, FeedbackAnswerFields } from './feedback-answer';

/**
 * What a feedback card shows, in our own words; the bot folder turns it into an Adaptive Card.
 * - `form`: questions to answer (first time, after Edit, or with validation errors);
 * - `answered`: the answers with an Edit button;
 * - `locked`: the answers, no longer editable (the PD lead locked the item);
 * - `closed`: the meeting was cancelled, or the card is not this person's.
 */
export interface FeedbackCardView {
  requestId: string;
  /** The answer version the card shows; 0 before the first answer. A submit naming another version is refused. */
  version: number;
  /** Who the card's automatic refresh is for. */
  recipientAadObjectId: string | null;
  mode: 'form' | 'answered' | 'locked' | 'closed';
  meeting: { title: string; when: string; communityName: string; priorities: string[] };
  answer: FeedbackAnswerFields;
  errors: AnswerErrors;
  /** A line at the top: "Thank you", "Someone else's card", "Reminder 1 of 2". */
  notice: string | null;
}

export interface RegisterCardView {
  meetingId: string;
  meeting: { title: string; when: string; communityName: string };
  members: { personId: string; name: string; academy: string }[];
  /** Set once the lead has confirmed (who and when), so a second press changes nothing. */
  confirmed: string | null;
  notice: string | null;
}

/** Renders the views above; the composition root passes the bot's card templates. */
export interface FeedbackCards {
  feedbackCard(view: FeedbackCardView): AdaptiveCard;
  registerCard(view: RegisterCardView): AdaptiveCard;
  youSaidWeDidCard(summary: { communityName: string; academyName: string; items: { said: string; did: string; status: string }[] }): AdaptiveCard;
}
