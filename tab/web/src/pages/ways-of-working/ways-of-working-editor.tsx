import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { toApiError } from '../../api/use-api-request';
import type { WaysOfWorkingInput, WaysOfWorkingVersion, WaysOfWorkingVersions } from '../../api/ways-of-working-client';
import { SubsectionHeading } from '../../components/headings';
import { ErrorNotice } from '../../components/request-status';
import { formatDay, londonDateOf } from '../../format/dates';
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
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, flexBasis: '320px', minWidth: 0 },
  valueFields: { flexGrow: 1, flexBasis: '320px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  rowActions: { display: 'flex', gap: tokens.spacingHorizontalXS, paddingTop: tokens.spacingVerticalXXL },
  dateInput: { maxWidth: '220px' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
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

/** Moves the item at `from` to `to`. */
function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

function BehaviourRows({ draft, edit, fieldError, focus, idPrefix, legend }: RowsProps & { legend: string }) {
  const styles = useStyles();
  const rows = draft.behaviours;
  const setRows = (behaviours: WaysOfWorkingDraft['behaviours'], field: string) => edit({ ...draft, behaviours }, field);
  const listError = fieldError(behavioursField);
  const full = rows.length >= limits.behaviours;
  return (
    <fieldset className={styles.fieldset} aria-describedby={listError ? `${idPrefix}-behaviours-error` : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      {listError ? (
        <Text id={`${idPrefix}-behaviours-error`} className={styles.error}>
          {listError}
        </Text>
      ) : null}
      <ol className={styles.list}>
        {rows.map((row, index) => (
          <li key={row.key} className={styles.row}>
            <Field className={styles.grow} label={`Behaviour ${index + 1}`} validationMessage={fieldError(behaviourField(row.key))}>
              <Textarea
                id={`${idPrefix}-behaviour-${row.key}`}
                resize="vertical"
                maxLength={limits.behaviour}
                value={row.text}
                onChange={(_e, d) => setRows(rows.map((r) => (r.key === row.key ? { ...r, text: d.value } : r)), behaviourField(row.key))}
              />
            </Field>
            <RowButtons
              what={`behaviour ${index + 1}`}
              index={index}
              count={rows.length}
              move={(to) => setRows(moved(rows, index, to), behavioursField)}
              remove={() => setRows(rows.filter((r) => r.key !== row.key), behaviourField(row.key))}
            />
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={full}
          onClick={() => {
            const row = newBehaviourRow();
            setRows([...rows, row], behavioursField);
            focus(`${idPrefix}-behaviour-${row.key}`);
          }}
        >
          Add behaviour
        </Button>
        {full ? <Text className={styles.muted}>At most {limits.behaviours} behaviours, so the meeting card stays short.</Text> : null}
      </div>
    </fieldset>
  );
}

function ValueRows({ draft, edit, fieldError, focus, idPrefix }: RowsProps) {
  const styles = useStyles();
  const rows = draft.values;
  const setRows = (values: WaysOfWorkingDraft['values'], field: string) => edit({ ...draft, values }, field);
  const listError = fieldError(valuesField);
  const full = rows.length >= limits.values;
  return (
    <fieldset className={styles.fieldset} aria-describedby={listError ? `${idPrefix}-values-error` : undefined}>
      <legend className={styles.legend}>Values</legend>
      {listError ? (
        <Text id={`${idPrefix}-values-error`} className={styles.error}>
          {listError}
        </Text>
      ) : null}
      <ol className={styles.list}>
        {rows.map((row, index) => (
          <li key={row.key} className={styles.row}>
            <div className={styles.valueFields}>
              <Field label={`Value ${index + 1}`} validationMessage={fieldError(valueTitleField(row.key))}>
                <Input
                  id={`${idPrefix}-value-${row.key}`}
                  maxLength={limits.valueTitle}
                  value={row.title}
                  onChange={(_e, d) => setRows(rows.map((r) => (r.key === row.key ? { ...r, title: d.value } : r)), valueTitleField(row.key))}
                />
              </Field>
              <Field label={`What value ${index + 1} means`} validationMessage={fieldError(valueMeaningField(row.key))}>
                <Textarea
                  resize="vertical"
                  maxLength={limits.meaning}
                  value={row.meaning}
                  onChange={(_e, d) => setRows(rows.map((r) => (r.key === row.key ? { ...r, meaning: d.value } : r)), valueMeaningField(row.key))}
                />
              </Field>
            </div>
            <RowButtons
              what={`value ${index + 1}`}
              index={index}
              count={rows.length}
              move={(to) => setRows(moved(rows, index, to), valuesField)}
              remove={() => setRows(rows.filter((r) => r.key !== row.key), valueTitleField(row.key))}
            />
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={full}
          onClick={() => {
            const row = newValueRow();
            setRows([...rows, row], valuesField);
            focus(`${idPrefix}-value-${row.key}`);
          }}
        >
          Add value
        </Button>
        {full ? <Text className={styles.muted}>At most {limits.values} values.</Text> : null}
      </div>
    </fieldset>
  );
}

function RowButtons(props: { what: string; index: number; count: number; move: (to: number) => void; remove: () => void }) {
  const { what, index, count, move, remove } = props;
  const styles = useStyles();
  return (
    <div className={styles.rowActions}>
      <Button size="small" disabled={index === 0} onClick={() => move(index - 1)} aria-label={`Move ${what} up`}>
        Up
      </Button>
      <Button size="small" disabled={index === count - 1} onClick={() => move(index + 1)} aria-label={`Move ${what} down`}>
        Down
      </Button>
      <Button size="small" appearance="subtle" onClick={remove} aria-label={`Remove ${what}`}>
        Remove
      </Button>
    </div>
  );
}
