import { z } from 'zod';
import type { JobQueue } from '../jobs/job-queue';
import type { OutlookSync } from './outlook-sync';

/** Every 15 minutes: one job per organiser of published meetings. */
export const outlookSyncQueue = 'outlook-sync';
/**
 * One organiser's mailbox; keyed by the organiser so two instances never sync one mailbox at once.
 * pg-boss cannot fetch a job queued behind a still-active one of the same key, and while that job
 * heads the queue it holds up the other organisers too; the 10-minute expiry, shorter than the
 * 15-minute cron, ends a dead worker's job before the next round queues behind it.
 */
export const outlookSyncOrganiserQueue = 'outlook-sync-organiser';
export const outlookSyncCron = '*/15 * * * *';

const fanOutSchema = z.object({});
const organiserSchema = z.object({ trustId: z.uuid(), organizerPersonId: z.uuid() });

export async function registerOutlookSync(jobs: JobQueue, sync: OutlookSync): Promise<void> {
  await jobs.register(outlookSyncOrganiserQueue, organiserSchema, async (organiser) => {
    await sync.syncOrganiser(organiser);
  }, {
    singletons: 'one-queued-one-running',
    concurrency: 2,
    retryLimit: 3,
    retryDelaySeconds: 60,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  });
  await jobs.register(outlookSyncQueue, fanOutSchema, async () => {
    // A mailbox whose sync is still queued gets no second job (one-queued per organiser).
    for (const organiser of await sync.organisers()) await jobs.send(outlookSyncOrganiserQueue, organiser, { singletonKey: organiser.organizerPersonId });
  }, { retryLimit: 2, expireInSeconds: 5 * 60 });
  await jobs.schedule(outlookSyncQueue, outlookSyncCron, {}, { tz: 'Europe/London' });
}
