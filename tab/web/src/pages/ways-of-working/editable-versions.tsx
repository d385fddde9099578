import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { WaysOfWorkingInput, WaysOfWorkingVersion, WaysOfWorkingVersions } from '../../api/ways-of-working-client';
import { formatDay } from '../../format/dates';
import { VersionHistory } from './version-history';
import { scheduledVersions } from './version-status';
import { WaysOfWorkingEditor } from './ways-of-working-editor';

const useStyles = makeStyles({
  notice: { outlineStyle: 'none' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * Below the version in force: the versions still to come, the editor for those who may add one
 * (`data.canEdit`, which the server decides), and the history of every version.
 */
export function EditableVersions(props: {
  data: WaysOfWorkingVersions;
  editLabel: string;
  withValues: boolean;
  defaultTitle: string;
  historyHeading: string;
  save: (input: WaysOfWorkingInput) => Promise<WaysOfWorkingVersion>;
  refresh: () => Promise<void>;
}) {
  const { data, editLabel, withValues, defaultTitle, historyHeading, save, refresh } = props;
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const noticeBar = useRef<HTMLDivElement>(null);
  const wasEditing = useRef(false);

  // When the form closes, focus goes where the person can carry on: the message after a save, else the button.
  useEffect(() => {
    if (wasEditing.current && !editing) (noticeBar.current ?? editButton.current)?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const saved = (version: WaysOfWorkingVersion) => {
    setNotice(
      `Version ${version.version} saved. It is in force from ${formatDay(version.effectiveFrom)}; meetings before then keep the version in force on their date.`,
    );
    setEditing(false);
    refresh().catch(() => setNotice((text) => `${text} Reload the page to see it here.`));
  };

  return (
    <>
      {scheduledVersions(data).map((version) => (
        <Text key={version.id} className={styles.muted}>
          Version {version.version} ({version.title}) takes effect on {formatDay(version.effectiveFrom)}.
        </Text>
      ))}
      {notice ? (
        <div ref={noticeBar} tabIndex={-1} className={styles.notice}>
          <MessageBar intent="success" role="status">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        </div>
      ) : null}
      {data.canEdit && editing ? (
        <WaysOfWorkingEditor
          heading={editLabel}
          withValues={withValues}
          data={data}
          defaultTitle={defaultTitle}
          save={save}
          onSaved={saved}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      {data.canEdit && !editing ? (
        <div>
          <Button
            ref={editButton}
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            {editLabel}
          </Button>
        </div>
      ) : null}
      {data.versions.length > 0 ? <VersionHistory data={data} heading={historyHeading} /> : null}
    </>
  );
}
