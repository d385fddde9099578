import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { toApiError } from '../../api/use-api-request';
import type { Answer, AssessmentForm, SelfAssessmentClient } from '../../api/self-assessment-client';
import { formatDay } from '../../format/dates';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  descriptor: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: 0 },
  behaviours: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
});

type Draft = Record<string, Answer>;

function draftOf(form: AssessmentForm): Draft {
  const draft: Draft = {};
  for (const d of form.framework.descriptors) draft[d.id] = { descriptorId: d.id, level: null, evidence: '', developmentStep: '' };
  for (const a of form.answers) draft[a.descriptorId] = { ...a };
  return draft;
}

/**
 * The whole self-assessment as one form: a level for each descriptor, optional evidence and one
 * thing to develop. Save draft keeps everything typed so far; Submit needs a level for each.
 */
export function AssessmentFormView({ client, form: initial, onChanged }: { client: SelfAssessmentClient; form: AssessmentForm; onChanged?: (form: AssessmentForm) => void }) {
  const styles = useStyles();
  const [form, setForm] = useState(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; title: string; text: string } | null>(null);
  useEffect(() => {
    setForm(initial);
    setDraft(draftOf(initial));
  }, [initial]);

  const answered = useMemo(() => Object.values(draft).filter((a) => a.level !== null).length, [draft]);
  const total = form.framework.descriptors.length;
  const readOnly = form.readOnly;

  const update = (id: string, change: Partial<Answer>) => {
    // A message about the last save no longer describes the form once it changes.
    setNotice(null);
    setDraft((d) => ({ ...d, [id]: { ...d[id]!, ...change } }));
  };

  async function save(submit: boolean) {
    setBusy(true);
    setNotice(null);
    try {
      const saved = await client.save(form.cycle.id, form.personId, Object.values(draft), submit);
      setForm(saved);
      setDraft(draftOf(saved));
      onChanged?.(saved);
      setNotice(
        submit
          ? { intent: 'success', title: 'Submitted', text: 'Thank you. Your self-assessment is submitted and now shows in My view.' }
          : { intent: 'success', title: 'Draft saved', text: `Your answers are saved. Come back any time before ${formatDay(form.cycle.closesOn)} to finish.` },
      );
    } catch (error) {
      setNotice({ intent: 'error', title: submit ? 'Not submitted' : 'Not saved', text: toApiError(error).message });
    } finally {
      setBusy(false);
    }
  }

  const status =
    form.status === 'submitted'
      ? `Submitted${form.submittedAt ? ` on ${formatDay(form.submittedAt.slice(0, 10))}` : ''}.`
      : form.cycle.window === 'closed'
        ? `This cycle closed on ${formatDay(form.cycle.closesOn)}. Your saved answers are kept.`
        : `${answered} of ${total} answered. Open until ${formatDay(form.cycle.closesOn)}.`;

  return (
    <form
      className={styles.form}
      aria-label={`Self-assessment: ${form.cycle.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save(true);
      }}
    >
      <Text role="status">{status}</Text>
      {form.framework.introduction ? <Text className={styles.muted}>{form.framework.introduction.split('\n')[0]}</Text> : null}
      {form.agreedNote ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Development agreed with your line manager</MessageBarTitle>
            {form.agreedNote.text}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {form.framework.descriptors.map((d, index) => {
        const answer = draft[d.id]!;
        return (
          <fieldset key={d.id} className={styles.descriptor}>
            <legend className={styles.legend}>
              {index + 1} of {total}: {d.title}
            </legend>
            <Text>{d.statement}</Text>
            <ul className={styles.behaviours}>
              {d.behaviours.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
            <Text className={styles.muted}>Exceptional looks like {d.exceptionalLooksLike}</Text>
            <Field label={`Your level for ${d.title}`} required={!readOnly}>
              <RadioGroup
                layout="horizontal-stacked"
                value={answer.level === null ? '' : String(answer.level)}
                disabled={readOnly}
                onChange={(_, data) => update(d.id, { level: Number(data.value) })}
              >
                {form.framework.scale.map((s) => (
                  <Radio key={s.level} value={String(s.level)} label={`${s.label}: ${s.meaning}`} />
                ))}
              </RadioGroup>
            </Field>
            <Field label={`Evidence or an example for ${d.title} (optional)`}>
              <Textarea value={answer.evidence} readOnly={readOnly} maxLength={4000} onChange={(_, data) => update(d.id, { evidence: data.value })} />
            </Field>
            <Field label={`One thing to develop for ${d.title} (optional)`}>
              <Input value={answer.developmentStep} readOnly={readOnly} maxLength={1000} onChange={(_, data) => update(d.id, { developmentStep: data.value })} />
            </Field>
          </fieldset>
        );
      })}
      {notice ? (
        <MessageBar intent={notice.intent} layout="multiline" role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.text}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {readOnly ? null : (
        <div className={styles.actions}>
          <Button type="button" disabled={busy} onClick={() => void save(false)}>
            Save draft
          </Button>
          <Button type="submit" appearance="primary" disabled={busy}>
            Submit
          </Button>
          <Text className={styles.muted}>Once submitted, your answers can no longer change.</Text>
        </div>
      )}
    </form>
  );
}
