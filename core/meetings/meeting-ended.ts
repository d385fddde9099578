/**
 * The seam between meetings (Ways of Working) and what follows them (feedback): whoever learns
 * that a meeting is over — a Teams end event, or the scheduled end plus grace for face-to-face
 * meetings — tells every listener once. Listeners must be idempotent: an end can be reported twice.
 */
export interface MeetingEnded {
  trustId: string;
  meetingId: string;
  /** When it actually ended, or the scheduled end plus grace when Teams never said. */
  endedAt: Date;
  source: 'teams_end_event' | 'scheduled_end';
}

export interface MeetingEndListener {
  meetingEnded(event: MeetingEnded): Promise<void>;
}
