import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ApiError } from '../api/client';

const useStyles = makeStyles({
  spinner: { justifyContent: 'flex-start', paddingBlock: tokens.spacingVerticalM },
  reference: { display: 'block', color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalXXS },
});

/** The spinner shown while a request is in flight. */
export function LoadingIndicator({ label }: { label: string }) {
  const styles = useStyles();
  return <Spinner className={styles.spinner} size="small" label={label} labelPosition="after" />;
}

/** An error from the API, with the server's message and the reference support will ask for. */
export function ErrorNotice({ title, error, onRetry }: { title: string; error: ApiError; onRetry?: () => void }) {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.message}
        {error.correlationId ? <span className={styles.reference}>Reference: {error.correlationId}</span> : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
