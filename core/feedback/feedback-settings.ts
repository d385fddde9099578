/** The feedback loop's tunables, from config. */
export interface FeedbackSettings {
  /** School days without an answer before each reminder. */
  reminderSchoolDays: number;
  /** Reminders per person and meeting (the issue caps this at two). */
  maxReminders: number;
  /** How long a face-to-face meeting's leads have to confirm the register before everyone is asked. */
  registerWaitHours: number;
  /** Cards in flight at once per trust. */
  sendConcurrency: number;
  /** Cards a trust's sender offers Teams per second: Teams allows 50 per app per tenant. */
  sendRatePerSecond: number;
  /** Tries per card on throttling and outages before it is recorded as failed. */
  maxSendAttempts: number;
}

export const defaultFeedbackSettings: FeedbackSettings = {
  reminderSchoolDays: 3,
  maxReminders: 2,
  registerWaitHours: 48,
  sendConcurrency: 20,
  sendRatePerSecond: 50,
  maxSendAttempts: 8,
};
