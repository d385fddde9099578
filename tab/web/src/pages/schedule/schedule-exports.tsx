import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import { toApiError } from '../../api/use-api-request';
import { ErrorNotice } from '../../components/request-status';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  feed: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  feedInput: { minWidth: 'min(520px, 100%)' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The year's schedule as a CSV or Word file, and a calendar subscription link for Outlook.
 * Files are fetched with the caller's credentials and saved through an object URL, because a
 * plain link would not carry the Teams sign-in.
 */
export function ScheduleExports(props: { api: ApiClient; yearLabel: string; communityId: string }) {
  const { api, yearLabel, communityId } = props;
  const styles = useStyles();
  const [busy, setBusy] = useState<'csv' | 'docx' | 'feed' | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const download = async (format: 'csv' | 'docx') => {
    setBusy(format);
    setError(null);
    try {
      const blob = await api.download(`/exports/schedule.${format}?year=${encodeURIComponent(yearLabel)}`);
      saveBlob(blob, `schedule-${yearLabel.replace('/', '-')}.${format}`);
    } catch (cause) {
      setError({ title: 'The schedule could not be downloaded', error: toApiError(cause) });
    } finally {
      setBusy(null);
    }
  };

  const subscribe = async () => {
    setBusy('feed');
    setError(null);
    setCopied(null);
    try {
      setFeedUrl((await api.createCalendarFeed('community', communityId)).url);
    } catch (cause) {
      setError({ title: 'The subscription link could not be created', error: toApiError(cause) });
    } finally {
      setBusy(null);
    }
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied. In Outlook, choose Add calendar, then Subscribe from web, and paste it.');
    } catch {
      setCopied('Your browser did not allow copying. Select the link and copy it yourself.');
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button disabled={busy !== null} onClick={() => void download('csv')}>
          {busy === 'csv' ? 'Downloading…' : 'Download schedule (CSV)'}
        </Button>
        <Button disabled={busy !== null} onClick={() => void download('docx')}>
          {busy === 'docx' ? 'Downloading…' : 'Download schedule (Word)'}
        </Button>
        <Button disabled={busy !== null} onClick={() => void subscribe()}>
          {busy === 'feed' ? 'Creating link…' : 'Subscribe in Outlook (ICS link)'}
        </Button>
      </div>
      {feedUrl ? (
        <div className={styles.feed}>
          <Field label="Calendar subscription link" hint="Anyone with this link can see these meetings; share it only with members.">
            <Input className={styles.feedInput} readOnly value={feedUrl} onFocus={(event) => event.target.select()} />
          </Field>
          <Button onClick={() => void copy(feedUrl)}>Copy link</Button>
        </div>
      ) : null}
      {copied ? (
        <Text role="status" className={styles.muted}>
          {copied}
        </Text>
      ) : null}
      {error ? <ErrorNotice title={error.title} error={error.error} /> : null}
    </div>
  );
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
