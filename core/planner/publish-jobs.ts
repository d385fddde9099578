import type { JobQueue } from '../jobs/job-queue';
import { publishPlanJobSchema, publishPlanQueue, type PlanPublisher } from './publish-service';

export interface PublishJobOptions {
  /** Publish runs worked on at once by one instance; runs for one mailbox share its `$batch` requests. */
  concurrency: number;
}

/**
 * The `publish-plan` queue: one job per publish run. `one-queued` rather than
 * `one-queued-one-running`: with pg-boss's stately policy a job queued behind a dead worker's
 * still-active job cannot be fetched until that one expires, and while it sits at the head of
 * the queue no other run is fetched either. Two workers never publish one run at once because
 * each must hold the run's lease (see `PlanPublisher.publishPlan`).
 */
export async function registerPlanPublishing(jobs: JobQueue, publisher: PlanPublisher, options: PublishJobOptions): Promise<void> {
  await jobs.register(publishPlanQueue, publishPlanJobSchema, ({ runId }) => publisher.publishPlan(runId), {
    singletons: 'one-queued',
    concurrency: options.concurrency,
    retryLimit: 5,
    retryDelaySeconds: 10,
    retryBackoff: true,
    // A safety net only: the lease, not the expiry, decides who publishes; a big trust's run can take minutes.
    expireInSeconds: 60 * 60,
  });
}
