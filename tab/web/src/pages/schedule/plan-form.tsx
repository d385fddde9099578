import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FormEvent } from 'react';
import type { ModePattern, PlanRequest, SchoolWeekday, VenuePlan } from '../../api/planner-types';
import type { MeetingMode } from '../../api/types';
import { MeetingModeSelect } from '../../components/meeting-mode-select';
import { meetingModeLabel, meetingModeOptions } from '../../format/labels';

const weekdays: readonly [SchoolWeekday, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
];
const cadencePeriods = [
  ['half_term', 'half-term'],
  ['term', 'term'],
  ['month', 'month'],
] as const;

/** What the form holds: text as typed, so half-finished numbers are not lost. */
export interface PlanFormState {
  amount: 'count' | 'cadence';
  count: string;
  cadenceTimes: string;
  cadencePer: 'half_term' | 'term' | 'month';
  weekdays: SchoolWeekday[];
  startTime: string;
  durationMinutes: string;
  modeKind: 'sequence' | 'ratio';
  sequence: MeetingMode[];
  ratio: Record<MeetingMode, string>;
  venueKind: 'fixed' | 'rotation';
  fixedVenue: string;
  rotation: string[];
}

export const defaultPlanForm: PlanFormState = {
  amount: 'count',
  count: '6',
  cadenceTimes: '1',
  cadencePer: 'half_term',
  weekdays: ['tue'],
  startTime: '15:45',
  durationMinutes: '90',
  modeKind: 'sequence',
  sequence: ['face_to_face', 'online'],
  ratio: { face_to_face: '1', hybrid: '0', online: '1' },
  venueKind: 'fixed',
  fixedVenue: '',
  rotation: ['', ''],
};

/** The form as last saved with the plan, so re-planning starts from what was asked before. */
export function formFromRequest(request: PlanRequest | null): PlanFormState {
  if (!request) return defaultPlanForm;
  const pattern = request.modePattern;
  return {
    amount: request.cadence ? 'cadence' : 'count',
    count: String(request.count ?? defaultPlanForm.count),
    cadenceTimes: String(request.cadence?.times ?? 1),
    cadencePer: request.cadence?.per ?? 'half_term',
    weekdays: request.preferredWeekdays,
    startTime: request.startTime,
    durationMinutes: String(request.durationMinutes),
    modeKind: pattern.kind,
    sequence: pattern.kind === 'sequence' ? pattern.modes : defaultPlanForm.sequence,
    ratio:
      pattern.kind === 'ratio'
        ? { face_to_face: String(pattern.ratio.face_to_face ?? 0), hybrid: String(pattern.ratio.hybrid ?? 0), online: String(pattern.ratio.online ?? 0) }
        : defaultPlanForm.ratio,
    venueKind: request.venues?.kind ?? 'fixed',
    fixedVenue: request.venues?.kind === 'fixed' ? request.venues.venue : '',
    rotation: request.venues?.kind === 'rotation' ? request.venues.venues : defaultPlanForm.rotation,
  };
}

/** The plan request the server checks; it reports anything missing or out of range. */
export function requestFromForm(form: PlanFormState): PlanRequest {
  const modePattern: ModePattern =
    form.modeKind === 'sequence'
      ? { kind: 'sequence', modes: form.sequence }
      : {
          kind: 'ratio',
          ratio: { face_to_face: Number(form.ratio.face_to_face) || 0, hybrid: Number(form.ratio.hybrid) || 0, online: Number(form.ratio.online) || 0 },
        };
  const needsVenue =
    modePattern.kind === 'sequence'
      ? modePattern.modes.some((mode) => mode !== 'online')
      : (modePattern.ratio.face_to_face ?? 0) + (modePattern.ratio.hybrid ?? 0) > 0;
  const rotation = form.rotation.map((venue) => venue.trim()).filter(Boolean);
  const venues: VenuePlan | undefined = !needsVenue
    ? undefined
    : form.venueKind === 'fixed'
      ? { kind: 'fixed', venue: form.fixedVenue.trim() }
      : { kind: 'rotation', venues: rotation };
  return {
    ...(form.amount === 'count'
      ? { count: Number(form.count) }
      : { cadence: { per: form.cadencePer, times: Number(form.cadenceTimes) } }),
    preferredWeekdays: form.weekdays,
    startTime: form.startTime,
    durationMinutes: Number(form.durationMinutes),
    modePattern,
    ...(venues ? { venues } : {}),
  };
}

const useStyles = makeStyles({
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(300px, 1fr))',
    gap: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  narrow: { width: '96px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  listItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  grow: { flexGrow: 1, minWidth: 0 },
  fixed: { flexShrink: 0 },
  position: { minWidth: '1.5em', color: tokens.colorNeutralForeground3 },
  submit: { gridColumn: '1 / -1', display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** What the planner asks for: how many meetings, on which days, when, in which modes and where. */
export function PlanForm(props: {
  value: PlanFormState;
  onChange: (next: PlanFormState) => void;
  onPropose: () => void;
  proposing: boolean;
}) {
  const { value: form, onChange, onPropose, proposing } = props;
  const styles = useStyles();
  const set = <K extends keyof PlanFormState>(key: K, next: PlanFormState[K]) => onChange({ ...form, [key]: next });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPropose();
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby="plan-form-heading">
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>How many meetings</legend>
        <RadioGroup
          aria-label="How many meetings"
          value={form.amount}
          onChange={(_event, data) => set('amount', data.value as PlanFormState['amount'])}
        >
          <Radio value="count" label="A number of meetings in the year" />
          <Radio value="cadence" label="A number per half-term, term or month" />
        </RadioGroup>
        {form.amount === 'count' ? (
          <Field label="Number of meetings">
            <Input className={styles.narrow} type="number" min={1} max={200} value={form.count} onChange={(_e, d) => set('count', d.value)} />
          </Field>
        ) : (
          <div className={styles.row}>
            <Field label="Meetings">
              <Input
                className={styles.narrow}
                type="number"
                min={1}
                max={20}
                value={form.cadenceTimes}
                onChange={(_e, d) => set('cadenceTimes', d.value)}
              />
            </Field>
            <Field label="Per">
              <Select value={form.cadencePer} onChange={(_e, d) => set('cadencePer', d.value as PlanFormState['cadencePer'])}>
                {cadencePeriods.map(([per, label]) => (
                  <option key={per} value={per}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Preferred weekdays</legend>
        <div className={styles.row}>
          {weekdays.map(([day, label]) => (
            <Checkbox
              key={day}
              label={label}
              checked={form.weekdays.includes(day)}
              onChange={(_e, d) =>
                set('weekdays', d.checked ? weekdays.map(([w]) => w).filter((w) => w === day || form.weekdays.includes(w)) : form.weekdays.filter((w) => w !== day))
              }
            />
          ))}
        </div>
        <div className={styles.row}>
          <Field label="Start time">
            <Input type="time" value={form.startTime} onChange={(_e, d) => set('startTime', d.value)} />
          </Field>
          <Field label="Duration (minutes)">
            <Input
              className={styles.narrow}
              type="number"
              min={15}
              max={480}
              step={15}
              value={form.durationMinutes}
              onChange={(_e, d) => set('durationMinutes', d.value)}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Modes</legend>
        <RadioGroup aria-label="Mode pattern" value={form.modeKind} onChange={(_e, d) => set('modeKind', d.value as PlanFormState['modeKind'])}>
          <Radio value="sequence" label="In order (repeats from the start)" />
          <Radio value="ratio" label="As a ratio spread over the year" />
        </RadioGroup>
        {form.modeKind === 'sequence' ? (
          <ModeSequence sequence={form.sequence} onChange={(next) => set('sequence', next)} />
        ) : (
          <div className={styles.row}>
            {meetingModeOptions.map((mode) => (
              <Field key={mode} label={meetingModeLabel(mode)}>
                <Input
                  className={styles.narrow}
                  type="number"
                  min={0}
                  value={form.ratio[mode]}
                  onChange={(_e, d) => set('ratio', { ...form.ratio, [mode]: d.value })}
                />
              </Field>
            ))}
          </div>
        )}
      </fieldset>

      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Venues for face-to-face and hybrid meetings</legend>
        <RadioGroup aria-label="Venue plan" value={form.venueKind} onChange={(_e, d) => set('venueKind', d.value as PlanFormState['venueKind'])}>
          <Radio value="fixed" label="Always the same venue" />
          <Radio value="rotation" label="Academies host in turn" />
        </RadioGroup>
        {form.venueKind === 'fixed' ? (
          <Field label="Venue">
            <Input value={form.fixedVenue} onChange={(_e, d) => set('fixedVenue', d.value)} />
          </Field>
        ) : (
          <VenueRotation venues={form.rotation} onChange={(next) => set('rotation', next)} />
        )}
      </fieldset>

      <div className={styles.submit}>
        <Button appearance="primary" type="submit" disabled={proposing}>
          {proposing ? 'Proposing dates…' : 'Propose dates'}
        </Button>
        <Text className={styles.muted}>Nothing is saved until you choose Save draft.</Text>
      </div>
    </form>
  );
}

function ModeSequence({ sequence, onChange }: { sequence: MeetingMode[]; onChange: (next: MeetingMode[]) => void }) {
  const styles = useStyles();
  const move = (from: number, to: number) => {
    const next = [...sequence];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <>
      <ol className={styles.list} aria-label="Mode sequence">
        {sequence.map((mode, index) => (
          <li key={index} className={styles.listItem}>
            <span className={styles.position} aria-hidden>
              {index + 1}.
            </span>
            <MeetingModeSelect
              className={styles.grow}
              aria-label={`Mode of meeting ${index + 1} in the sequence`}
              value={mode}
              onChange={(chosen) => onChange(sequence.map((m, i) => (i === index ? chosen : m)))}
            />
            <Button size="small" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`Move meeting ${index + 1} up`}>
              Up
            </Button>
            <Button
              size="small"
              disabled={index === sequence.length - 1}
              onClick={() => move(index, index + 1)}
              aria-label={`Move meeting ${index + 1} down`}
            >
              Down
            </Button>
            <Button
              className={styles.fixed}
              size="small"
              appearance="subtle"
              disabled={sequence.length === 1}
              onClick={() => onChange(sequence.filter((_m, i) => i !== index))}
              aria-label={`Remove meeting ${index + 1} from the sequence`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div>
        <Button size="small" onClick={() => onChange([...sequence, 'online'])}>
          Add to sequence
        </Button>
      </div>
    </>
  );
}

function VenueRotation({ venues, onChange }: { venues: string[]; onChange: (next: string[]) => void }) {
  const styles = useStyles();
  return (
    <>
      <ol className={styles.list} aria-label="Host venues in turn">
        {venues.map((venue, index) => (
          <li key={index} className={styles.listItem}>
            <Field className={styles.grow} label={`Host ${index + 1}`} orientation="horizontal">
              <Input value={venue} onChange={(_e, d) => onChange(venues.map((v, i) => (i === index ? d.value : v)))} />
            </Field>
            <Button
              className={styles.fixed}
              size="small"
              appearance="subtle"
              disabled={venues.length === 1}
              onClick={() => onChange(venues.filter((_v, i) => i !== index))}
              aria-label={`Remove host ${index + 1}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div>
        <Button size="small" onClick={() => onChange([...venues, ''])}>
          Add host venue
        </Button>
      </div>
    </>
  );
}
