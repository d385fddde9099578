import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { academies, communities, memberships, people, relaunchRecipients, waysOfWorkingRelaunches, type WaysOfWorkingContent } from '../db/schema';
import { membershipCurrentOn } from '../directory/membership-dates';
import { AppError } from '../errors';
import type { Logger } from '../log/logger';
import { finalFailures, type AdaptiveCard, type CardSender } from '../messaging/card-sender';
import type { Clock } from '../time/clock';
import { londonWallClock } from '../time/london-clock';
import { formatLondonDate } from '../time/london-time';
import { hasTrustRole } from './access';
import { versionInForce } from './content';

/** What the relaunch card shows: the year's framework and whether this person has signed up to it. */
export interface RelaunchCardData {
  relaunchId: string;
  yearLabel: string;
  frameworkTitle: string;
  content: WaysOfWorkingContent;
  reminder: boolean;
  acknowledgedOn: string | null;
  tabUrl: string;
}

export interface RelaunchCards {
  relaunch(data: RelaunchCardData): AdaptiveCard;
}

/** At most this many reminders, a week apart, to someone who has not acknowledged. */
export const maxRelaunchReminders = 2;
const reminderIntervalMs = 7 * 86_400_000;

export interface RelaunchStatus {
  relaunch: { id: string; yearLabel: string; launchOn: string; launchedAt: string | null } | null;
  communities: Array<{ communityId: string; name: string; acknowledged: number; total: number; members: RelaunchMemberStatus[] }>;
  academies: Array<{ academyId: string | null; name: string; acknowledged: number; total: number }>;
}

export interface RelaunchMemberStatus {
  personId: string;
  name: string;
  academy: string | null;
  acknowledgedAt: string | null;
  remindersSent: number;
  deliveryFailure: string | null;
}

/**
 * The annual relaunch: on the date the trust sets, every member of every community gets the
 * year's framework to acknowledge in a personal card, with at most two reminders; leads and the
 * PD director see who has and has not.
 */
export class RelaunchService {
  constructor(private readonly deps: { db: Db; clock: Clock; logger: Logger; cardSender: CardSender; cards: RelaunchCards; tabUrl: string }) {}

  /** Trust administrators and the PD director set (or move, until it has happened) the year's relaunch date. */
  async schedule(trustId: string, personId: string, input: { yearLabel: string; launchOn: string }) {
    if (!(await hasTrustRole(this.deps.db, trustId, personId, ['trust_admin', 'pd_director']))) throw new AppError('forbidden', 'Only trust administrators and the PD director can set the relaunch date.', 403);
    const [row] = await this.deps.db
      .insert(waysOfWorkingRelaunches)
      .values({ trustId, yearLabel: input.yearLabel, launchOn: input.launchOn, createdByPersonId: personId })
      .onConflictDoUpdate({ target: [waysOfWorkingRelaunches.trustId, waysOfWorkingRelaunches.yearLabel], set: { launchOn: input.launchOn }, setWhere: isNull(waysOfWorkingRelaunches.launchedAt) })
      .returning();
    if (!row) throw new AppError('already_launched', `The ${input.yearLabel} relaunch has already gone out, so its date cannot change.`, 409);
    return row;
  }

  /** Relaunches whose date has come: fix the framework version and the recipients (every active member, once). Returns the recipients to send to. */
  async launchDue(): Promise<Array<{ relaunchId: string; personId: string }>> {
    const now = this.deps.clock.now();
    const today = londonWallClock(now).slice(0, 10);
    const due = await this.deps.db.select().from(waysOfWorkingRelaunches).where(and(isNull(waysOfWorkingRelaunches.launchedAt), lte(waysOfWorkingRelaunches.launchOn, today)));
    const sends: Array<{ relaunchId: string; personId: string }> = [];
    for (const relaunch of due) {
      const framework = await versionInForce(this.deps.db, relaunch.trustId, null, relaunch.launchOn);
      const members = await this.deps.db
        .selectDistinct({ personId: memberships.personId })
        .from(memberships)
        .where(and(eq(memberships.trustId, relaunch.trustId), membershipCurrentOn(today)));
      if (members.length > 0) {
        await this.deps.db
          .insert(relaunchRecipients)
          .values(members.map((m) => ({ relaunchId: relaunch.id, personId: m.personId, trustId: relaunch.trustId })))
          .onConflictDoNothing();
      }
      await this.deps.db.update(waysOfWorkingRelaunches).set({ launchedAt: now, frameworkVersionId: framework?.id ?? null }).where(eq(waysOfWorkingRelaunches.id, relaunch.id));
      this.deps.logger.info({ relaunchId: relaunch.id, recipients: members.length }, 'Ways of Working relaunch started');
    }
    const unsent = await this.deps.db
      .select({ relaunchId: relaunchRecipients.relaunchId, personId: relaunchRecipients.personId })
      .from(relaunchRecipients)
      .where(and(isNull(relaunchRecipients.sentAt), isNull(relaunchRecipients.deliveryFailure)));
    sends.push(...unsent);
    return sends;
  }

  /** Recipients who have not acknowledged, were last sent a card a week ago or more, and have had fewer than two reminders. */
  async remindersDue(): Promise<Array<{ relaunchId: string; personId: string }>> {
    const cutoff = new Date(this.deps.clock.now().getTime() - reminderIntervalMs);
    return this.deps.db
      .select({ relaunchId: relaunchRecipients.relaunchId, personId: relaunchRecipients.personId })
      .from(relaunchRecipients)
      .where(
        and(
          isNull(relaunchRecipients.acknowledgedAt),
          isNull(relaunchRecipients.deliveryFailure),
          sql`${relaunchRecipients.remindersSent} < ${maxRelaunchReminders}`,
          lte(relaunchRecipients.lastSentAt, cutoff),
        ),
      );
  }

  /**
   * Sends one person their card (first or reminder). Repeating it changes nothing once it went:
   * the recipient row says what was sent. Throws on throttling or a transient failure so the
   * queue retries; a final refusal is recorded and shown to the leads.
   */
  async send(relaunchId: string, personId: string, kind: 'launch' | 'reminder'): Promise<void> {
    const [row] = await this.deps.db
      .select({ recipient: relaunchRecipients, relaunch: waysOfWorkingRelaunches })
      .from(relaunchRecipients)
      .innerJoin(waysOfWorkingRelaunches, eq(waysOfWorkingRelaunches.id, relaunchRecipients.relaunchId))
      .where(and(eq(relaunchRecipients.relaunchId, relaunchId), eq(relaunchRecipients.personId, personId)));
    if (!row || row.recipient.acknowledgedAt || row.recipient.deliveryFailure) return;
    if (kind === 'launch' && row.recipient.sentAt) return;
    if (kind === 'reminder') {
      const lastSent = row.recipient.lastSentAt;
      if (!lastSent || row.recipient.remindersSent >= maxRelaunchReminders || this.deps.clock.now().getTime() - lastSent.getTime() < reminderIntervalMs) return;
    }
    const framework = await versionInForce(this.deps.db, row.relaunch.trustId, null, row.relaunch.launchOn);
    if (!framework) {
      this.deps.logger.warn({ relaunchId }, 'relaunch with no trust framework in force; nothing sent');
      return;
    }
    const card = this.deps.cards.relaunch({ relaunchId, yearLabel: row.relaunch.yearLabel, frameworkTitle: framework.title, content: framework.content, reminder: kind === 'reminder', acknowledgedOn: null, tabUrl: this.deps.tabUrl });
    const outcome = await this.deps.cardSender.sendToPerson(row.relaunch.trustId, personId, card, { summary: `${framework.title}: ${row.relaunch.yearLabel}` });
    const now = this.deps.clock.now();
    const where = and(eq(relaunchRecipients.relaunchId, relaunchId), eq(relaunchRecipients.personId, personId));
    if (outcome.ok) {
      await this.deps.db
        .update(relaunchRecipients)
        .set(kind === 'launch' ? { sentAt: now, lastSentAt: now } : { lastSentAt: now, remindersSent: sql`${relaunchRecipients.remindersSent} + 1` })
        .where(where);
      return;
    }
    if (finalFailures.has(outcome.reason)) {
      await this.deps.db.update(relaunchRecipients).set({ deliveryFailure: outcome.message }).where(where);
      this.deps.logger.warn({ relaunchId, personId, reason: outcome.reason }, 'relaunch card could not be delivered');
      return;
    }
    throw new Error(`Relaunch card not sent yet (${outcome.reason}): ${outcome.message}`);
  }

  /** "I'll work this way this year" from the relaunch card; only for people the relaunch went to. */
  async acknowledge(trustId: string, relaunchId: string, personId: string): Promise<{ status: 'acknowledged' | 'already' | 'not_recipient'; data?: RelaunchCardData }> {
    const [row] = await this.deps.db
      .select({ recipient: relaunchRecipients, relaunch: waysOfWorkingRelaunches })
      .from(relaunchRecipients)
      .innerJoin(waysOfWorkingRelaunches, eq(waysOfWorkingRelaunches.id, relaunchRecipients.relaunchId))
      .where(and(eq(relaunchRecipients.relaunchId, relaunchId), eq(relaunchRecipients.personId, personId), eq(relaunchRecipients.trustId, trustId)));
    if (!row) return { status: 'not_recipient' };
    const now = this.deps.clock.now();
    const status = row.recipient.acknowledgedAt ? 'already' : 'acknowledged';
    if (!row.recipient.acknowledgedAt) {
      await this.deps.db.update(relaunchRecipients).set({ acknowledgedAt: now }).where(and(eq(relaunchRecipients.relaunchId, relaunchId), eq(relaunchRecipients.personId, personId), isNull(relaunchRecipients.acknowledgedAt)));
    }
    const framework = await versionInForce(this.deps.db, trustId, null, row.relaunch.launchOn);
    return {
      status,
      data: {
        relaunchId,
        yearLabel: row.relaunch.yearLabel,
        frameworkTitle: framework?.title ?? 'Our Ways of Working',
        content: framework?.content ?? { values: [], behaviours: [] },
        reminder: false,
        acknowledgedOn: formatLondonDate(row.recipient.acknowledgedAt ?? now),
        tabUrl: this.deps.tabUrl,
      },
    };
  }

  /** Who has and has not acknowledged the latest relaunch: all communities for trust admins and the PD director, led communities for leads. */
  async status(trustId: string, personId: string): Promise<RelaunchStatus> {
    const [relaunch] = await this.deps.db.select().from(waysOfWorkingRelaunches).where(eq(waysOfWorkingRelaunches.trustId, trustId)).orderBy(sql`${waysOfWorkingRelaunches.launchOn} desc`).limit(1);
    const seesAll = await hasTrustRole(this.deps.db, trustId, personId, ['trust_admin', 'pd_director']);
    const today = londonWallClock(this.deps.clock.now()).slice(0, 10);
    const led = seesAll
      ? null
      : (await this.deps.db.select({ communityId: memberships.communityId }).from(memberships).where(and(eq(memberships.personId, personId), eq(memberships.role, 'lead'), or(isNull(memberships.toDate), gte(memberships.toDate, today))))).map((r) => r.communityId);
    if (led && led.length === 0) throw new AppError('forbidden', 'Only community leads, the PD director and trust administrators can see who has acknowledged.', 403);
    if (!relaunch) return { relaunch: null, communities: [], academies: [] };
    const rows = await this.deps.db
      .select({
        communityId: communities.id,
        communityName: communities.name,
        personId: people.id,
        name: people.displayName,
        academyId: academies.id,
        academy: academies.name,
        acknowledgedAt: relaunchRecipients.acknowledgedAt,
        remindersSent: relaunchRecipients.remindersSent,
        deliveryFailure: relaunchRecipients.deliveryFailure,
      })
      .from(relaunchRecipients)
      .innerJoin(people, eq(people.id, relaunchRecipients.personId))
      .leftJoin(academies, eq(academies.id, people.academyId))
      .innerJoin(memberships, and(eq(memberships.personId, people.id), or(isNull(memberships.toDate), gte(memberships.toDate, today))))
      .innerJoin(communities, eq(communities.id, memberships.communityId))
      .where(eq(relaunchRecipients.relaunchId, relaunch.id))
      .orderBy(asc(communities.name), asc(people.displayName));
    const visible = led ? rows.filter((r) => led.includes(r.communityId)) : rows;
    const byCommunity = new Map<string, RelaunchStatus['communities'][number]>();
    for (const r of visible) {
      const entry = byCommunity.get(r.communityId) ?? { communityId: r.communityId, name: r.communityName, acknowledged: 0, total: 0, members: [] };
      if (entry.members.some((m) => m.personId === r.personId)) continue;
      entry.members.push({ personId: r.personId, name: r.name, academy: r.academy, acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null, remindersSent: r.remindersSent, deliveryFailure: r.deliveryFailure });
      entry.total++;
      if (r.acknowledgedAt) entry.acknowledged++;
      byCommunity.set(r.communityId, entry);
    }
    const byAcademy = new Map<string, RelaunchStatus['academies'][number] & { seen: Set<string> }>();
    for (const r of visible) {
      const key = r.academyId ?? 'central';
      const entry = byAcademy.get(key) ?? { academyId: r.academyId, name: r.academy ?? 'Central team', acknowledged: 0, total: 0, seen: new Set<string>() };
      if (!entry.seen.has(r.personId)) {
        entry.seen.add(r.personId);
        entry.total++;
        if (r.acknowledgedAt) entry.acknowledged++;
      }
      byAcademy.set(key, entry);
    }
    return {
      relaunch: { id: relaunch.id, yearLabel: relaunch.yearLabel, launchOn: relaunch.launchOn, launchedAt: relaunch.launchedAt?.toISOString() ?? null },
      communities: [...byCommunity.values()],
      academies: [...byAcademy.values()].map(({ seen: _seen, ...a }) => a).sort((a, b) => a.name.localeCompare(b.name)),
    };
  }
}
