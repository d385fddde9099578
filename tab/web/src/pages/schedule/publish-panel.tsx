import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import type { PublishRun } from '../../api/planner-types';
import { toApiError } from '../../api/use-api-request';
import { ErrorNotice } from '../../components/request-status';

const POLL_INTERVAL_MS = 1000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  failures: { margin: 0, marginTop: tokens.spacingVerticalXS, paddingInlineStart: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * Publishes the saved plan to members' Outlook calendars and Teams: asks first, then follows the
 * publish run every second until it finishes, then says what was created, updated and cancelled.
 */
export function PublishPanel(props: {
  api: ApiClient;
  communityId: string;
  yearId: string;
  meetingCount: number;
  disabledReason: string | null;
  onFinished: () => void;
}) {
  const { api, communityId, yearId, meetingCount, disabledReason, onFinished } = props;
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const [run, setRun] = useState<PublishRun | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const runId = run?.id ?? null;
  const running = run?.status === 'running';

  useEffect(() => {
    if (!runId || !running) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.getPublishRun(runId, controller.signal).then(
        (response) => setRun(response.run),
        (cause: unknown) => {
          if (!controller.signal.aborted) setError(toApiError(cause));
        },
      );
    }, POLL_INTERVAL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, runId, running, run]);

  useEffect(() => {
    if (run && run.status !== 'running') onFinished();
    // Only when a run finishes, not when the parent re-renders.
  }, [run?.status]);

  const start = async () => {
    setConfirming(false);
    setStarting(true);
    setError(null);
    setRun(null);
    try {
      setRun((await api.publishPlan(communityId, yearId)).run);
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div className={styles.root}>
      <div>
        <Button appearance="primary" disabled={disabledReason !== null || starting || running} onClick={() => setConfirming(true)}>
          Publish to Outlook and Teams
        </Button>
      </div>
      {disabledReason ? <Text className={styles.muted}>{disabledReason}</Text> : null}

      <Dialog open={confirming} modalType="alert" onOpenChange={(_e, data) => setConfirming(data.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Publish to Outlook and Teams?</DialogTitle>
            <DialogContent>
              The {meetingCount} {meetingCount === 1 ? 'meeting' : 'meetings'} in this plan will be sent to every
              member&apos;s Outlook calendar, with a Teams link for online and hybrid meetings. Members are told about
              any change or cancellation since the last time you published.
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirming(false)}>
                Not now
              </Button>
              <Button appearance="primary" onClick={() => void start()}>
                Publish
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>

      {starting ? <Text role="status">Starting to publish…</Text> : null}
      {run && run.status === 'running' ? (
        <Field
          label="Publishing to Outlook and Teams"
          validationState="none"
          validationMessage={`${run.done} of ${run.total} meetings done${run.failed ? `, ${run.failed} failed` : ''}`}
        >
          <ProgressBar value={run.total ? run.done / run.total : undefined} max={1} thickness="large" />
        </Field>
      ) : null}
      {run && run.status !== 'running' ? <PublishResult run={run} /> : null}
      {error ? <ErrorNotice title="Publishing did not finish" error={error} /> : null}
    </div>
  );
}

function PublishResult({ run }: { run: PublishRun }) {
  const styles = useStyles();
  const summary = run.summary;
  const failures = summary?.failures ?? [];
  const counts = summary
    ? `${summary.created} created, ${summary.updated} updated, ${summary.cancelled} cancelled, ${summary.unchanged} unchanged.`
    : `${run.done} of ${run.total} meetings done.`;
  const intent = run.status === 'failed' ? 'error' : failures.length > 0 ? 'warning' : 'success';
  const title =
    run.status === 'failed'
      ? 'Publishing failed'
      : failures.length > 0
        ? `Published, but ${failures.length} ${failures.length === 1 ? 'meeting' : 'meetings'} could not be sent`
        : 'Published to Outlook and Teams';
  return (
    <MessageBar intent={intent} layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {counts}
        {failures.length > 0 ? (
          <ul className={styles.failures}>
            {failures.map((failure) => (
              <li key={failure.meetingId}>
                {failure.label}: {failure.message}
              </li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
