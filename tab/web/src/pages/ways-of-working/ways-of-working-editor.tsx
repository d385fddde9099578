import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/use-api-request';
import type { WaysOfWorkingInput, WaysOfWorkingVersion, WaysOfWorkingVersions } from '../../api/ways-of-working-client';
import { SubsectionHeading } from '../../components/headings';
import { ErrorNotice } from '../../components/request-status';
import { formatDay, londonDateOf } from '../../format/dates';
import { RowListEditor } from './row-list-editor';
import {
  behaviourField,
  behavioursField,
  draftFrom,
  effectiveFromField,
  inputFrom,
  limits,
  newBehaviourRow,
  newValueRow,
  placeIssues,
  titleField,
  valueMeaningField,
  valuesField,
  valueTitleField,
  type WaysOfWorkingDraft,
} from './ways-of-working-draft';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  grow: { flexGrow: 1, flexBasis: '320px', minWidth: 0 },
  valueFields: { flexGrow: 1, flexBasis: '320px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dateInput: { maxWidth: '220px' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
  summary: { outlineStyle: 'none' },
});

/** A rejected save: the server's message, and for a bad body its problems by field. */
interface SaveFailure {
  error: ApiError;
  fields: Record<string, string>;
  elsewhere: string[];
}

/**
 * The form that adds a version of the trust framework (`withValues`) or of a community's own
 * agreements. It starts from the latest version's wording; the server checks what is sent, and a
 * refusal is shown beside the fields with everything typed kept.
 */
export function WaysOfWorkingEditor(props: {
  heading: string;
  withValues: boolean;
  data: WaysOfWorkingVersions;
  defaultTitle: string;
  save: (input: WaysOfWorkingInput) => Promise<WaysOfWorkingVersion>;
  onSaved: (saved: WaysOfWorkingVersion) => void;
  onCancel: () => void;
}) {
  const { heading, withValues, data, defaultTitle, save, onSaved, onCancel } = props;
  const styles = useStyles();
  const ids = useId();
  const latest = data.versions[0] ?? null;
  const [today] = useState(() => londonDateOf(new Date().toISOString()));
  const [draft, setDraft] = useState<WaysOfWorkingDraft>(() => draftFrom(latest, { title: defaultTitle, effectiveFrom: today, withValues }));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => titleInput.current?.focus(), []);
  // A row just added gets the focus, so keyboard users can type straight into it.
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId]);
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [failure]);

  const fieldError = (field: string) => failure?.fields[field];
  const edit = (next: WaysOfWorkingDraft, field: string) => {
    setDraft(next);
    // The problem beside a field goes once the field is changed; the summary stays until the next save.
    if (failure?.fields[field]) {
      const { [field]: _fixed, ...rest } = failure.fields;
      setFailure({ ...failure, fields: rest });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { input, fieldOf } = inputFrom(draft, withValues);
    setSaving(true);
    setFailure(null);
    try {
      onSaved(await save(input));
    } catch (cause) {
      const error = toApiError(cause);
      setFailure({ error, ...placeIssues(error.issues, fieldOf) });
    } finally {
      setSaving(false);
    }
  };

  // The first version dated after this one takes over from it on its own date.
  const [next] = data.versions
    .filter((version) => version.effectiveFrom > draft.effectiveFrom)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || b.version - a.version);
  const dateWarnings = [
    ...(draft.effectiveFrom && draft.effectiveFrom < today ? ['This date has passed: meetings since then, including any already held, will show this version.'] : []),
    ...(next ? [`Version ${next.version}, dated ${formatDay(next.effectiveFrom)}, replaces this one from that date.`] : []),
  ];
  const dateError = fieldError(effectiveFromField);

  return (
    <form className={styles.form} aria-labelledby={`${ids}-heading`} onSubmit={(event) => void submit(event)} noValidate>
      <SubsectionHeading id={`${ids}-heading`}>{heading}</SubsectionHeading>
      <Text className={styles.muted}>
        {latest
          ? `Starts from version ${latest.version}. Saving adds version ${latest.version + 1}; the earlier versions stay in the history.`
          : 'Saving adds version 1.'}
      </Text>

      {failure ? (
        <div ref={summary} tabIndex={-1} className={styles.summary}>
          {failure.error.issues.length > 0 ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Not saved yet</MessageBarTitle>
                {[...failure.elsewhere, Object.keys(failure.fields).length > 0 ? 'Please fix what is marked below.' : '', 'Everything you typed is still here.']
                  .filter(Boolean)
                  .join(' ')}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <ErrorNotice title="Not saved yet. Everything you typed is still here." error={failure.error} />
          )}
        </div>
      ) : null}

      <Field
        label="Title"
        required
        hint={withValues ? "Shown at the top of every meeting's Ways of Working card." : undefined}
        validationMessage={fieldError(titleField)}
      >
        <Input ref={titleInput} value={draft.title} maxLength={limits.title} onChange={(_e, d) => edit({ ...draft, title: d.value }, titleField)} />
      </Field>

      <Field
        label="In force from"
        required
        hint="Meetings before this date keep the version that was in force on their date; meetings on or after it show this one."
        validationState={dateError ? 'error' : dateWarnings.length > 0 ? 'warning' : 'none'}
        validationMessage={dateError ?? (dateWarnings.length > 0 ? dateWarnings.join(' ') : undefined)}
      >
        <Input className={styles.dateInput} type="date" value={draft.effectiveFrom} onChange={(_e, d) => edit({ ...draft, effectiveFrom: d.value }, effectiveFromField)} />
      </Field>

      {withValues ? <ValueRows draft={draft} edit={edit} fieldError={fieldError} focus={setFocusId} idPrefix={ids} /> : null}
      <BehaviourRows draft={draft} edit={edit} fieldError={fieldError} focus={setFocusId} idPrefix={ids} legend={withValues ? 'Behaviours across the trust' : 'Behaviours'} />

      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save new version'}
        </Button>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Text className={styles.muted}>Empty rows are left out.</Text>
      </div>
    </form>
  );
}

interface RowsProps {
  draft: WaysOfWorkingDraft;
  edit: (next: WaysOfWorkingDraft, field: string) => void;
  fieldError: (field: string) => string | undefined;
  focus: (elementId: string) => void;
  idPrefix: string;
}

function BehaviourRows({ legend, ...form }: RowsProps & { legend: string }) {
  const { draft, edit, fieldError } = form;
  const styles = useStyles();
  return (
    <RowListEditor
      legend={legend}
      noun="behaviour"
      rows={draft.behaviours}
      onChange={(behaviours, field) => edit({ ...draft, behaviours }, field)}
      listField={behavioursField}
      rowField={behaviourField}
      newRow={newBehaviourRow}
      limit={limits.behaviours}
      fullNote={`At most ${limits.behaviours} behaviours, so the meeting card stays short.`}
      form={form}
    >
      {({ row, index, inputId, update }) => (
        <Field className={styles.grow} label={`Behaviour ${index + 1}`} validationMessage={fieldError(behaviourField(row.key))}>
          <Textarea
            id={inputId}
            resize="vertical"
            maxLength={limits.behaviour}
            value={row.text}
            onChange={(_e, d) => update({ text: d.value }, behaviourField(row.key))}
          />
        </Field>
      )}
    </RowListEditor>
  );
}

function ValueRows(form: RowsProps) {
  const { draft, edit, fieldError } = form;
  const styles = useStyles();
  return (
    <RowListEditor
      legend="Values"
      noun="value"
      rows={draft.values}
      onChange={(values, field) => edit({ ...draft, values }, field)}
      listField={valuesField}
      rowField={valueTitleField}
      newRow={newValueRow}
      limit={limits.values}
      fullNote={`At most ${limits.values} values.`}
      form={form}
    >
      {({ row, index, inputId, update }) => (
        <div className={styles.valueFields}>
          <Field label={`Value ${index + 1}`} validationMessage={fieldError(valueTitleField(row.key))}>
            <Input
              id={inputId}
              maxLength={limits.valueTitle}
              value={row.title}
              onChange={(_e, d) => update({ title: d.value }, valueTitleField(row.key))}
            />
          </Field>
          <Field label={`What value ${index + 1} means`} validationMessage={fieldError(valueMeaningField(row.key))}>
            <Textarea
              resize="vertical"
              maxLength={limits.meaning}
              value={row.meaning}
              onChange={(_e, d) => update({ meaning: d.value }, valueMeaningField(row.key))}
            />
          </Field>
        </div>
      )}
    </RowListEditor>
  );
}
