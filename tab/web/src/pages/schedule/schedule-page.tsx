import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import type { AcademicYear, MeetingChange, PlanRequest, PlanResponse, PlannableCommunity, ProposalResponse } from '../../api/planner-types';
import { toApiError, useApiRequest } from '../../api/use-api-request';
import { PageHeading, SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { YearCalendar, type MarkedMeeting } from '../../components/year-calendar';
import { formatTime, londonDateOf } from '../../format/dates';
import { meetingModeLabel, plannerRoleLabel } from '../../format/labels';
import { markedPeriods } from '../calendar/calendar-page';
import { AcademicYearPicker } from '../shared/academic-year-picker';
import {
  DraftMeetingsTable,
  draftFromPlanned,
  draftFromProposal,
  meetingInputs,
  type DraftMeeting,
} from './draft-meetings';
import { PlanForm, formFromRequest, requestFromForm, type PlanFormState } from './plan-form';
import { PlanMeetingsTable } from './plan-meetings';
import { PublishPanel } from './publish-panel';
import { ScheduleExports } from './schedule-exports';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  pickers: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalXL },
  communityField: { minWidth: '320px' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  unplaced: { margin: 0, marginTop: tokens.spacingVerticalXS, paddingInlineStart: tokens.spacingHorizontalXL },
  empty: {
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Plans a community's meetings for the academic year, saves the plan and publishes it. */
export function SchedulePage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const communities = useApiRequest((signal) => api.listPlannableCommunities(signal), [api]);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [year, setYear] = useState<AcademicYear | null>(null);

  const items = communities.status === 'ready' ? communities.data.items : [];
  const community: PlannableCommunity | undefined = items.find((item) => item.id === communityId) ?? items[0];

  return (
    <div className={styles.page}>
      <div className={styles.section}>
        <PageHeading>Schedule</PageHeading>
        <Text className={styles.intro}>
          Plan a community&apos;s meetings for the academic year around term dates, half-terms, INSET days and bank
          holidays, then publish them to members&apos; Outlook calendars and Teams.
        </Text>
        {communities.status === 'loading' ? <LoadingIndicator label="Loading the communities you can plan…" /> : null}
        {communities.status === 'error' ? (
          <ErrorNotice title="Communities could not be loaded" error={communities.error} onRetry={communities.retry} />
        ) : null}
        {communities.status === 'ready' && items.length === 0 ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>You can view meetings but not plan them</MessageBarTitle>
              Community leads and the PD director plan each community&apos;s meetings. Your meetings are on the Home
              page; ask your community lead if a date needs to change.
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {community ? (
          <div className={styles.pickers}>
            <Field label="Community" className={styles.communityField}>
              <Select value={community.id} onChange={(_e, data) => setCommunityId(data.value)}>
                {items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </Select>
            </Field>
            <AcademicYearPicker api={api} value={year?.id ?? null} onChange={setYear} />
            <Badge appearance="tint" color="brand" shape="rounded" size="large">
              You plan as {plannerRoleLabel(community.role)}
            </Badge>
          </div>
        ) : null}
      </div>
      {community && year ? <CommunityPlan key={`${community.id}:${year.id}`} api={api} communityId={community.id} year={year} /> : null}
    </div>
  );
}

interface SaveProblem {
  conflict: boolean;
  error: ApiError;
}

function CommunityPlan({ api, communityId, year }: { api: ApiClient; communityId: string; year: AcademicYear }) {
  const styles = useStyles();
  const loaded = useApiRequest((signal) => api.getPlan(communityId, year.id, signal), [api, communityId, year.id]);
  const calendar = useApiRequest((signal) => api.getSchoolCalendar(year.id, signal), [api, year.id]);
  const loadedPlan = loaded.status === 'ready' ? loaded.data : null;

  // The latest plan the server sent, from loading, saving or changing a meeting.
  const [current, setCurrent] = useState<PlanResponse | null>(null);
  const [form, setForm] = useState<PlanFormState | null>(null);
  // Meetings being edited before saving: a new proposal, or the saved plan reopened.
  const [drafts, setDrafts] = useState<DraftMeeting[] | null>(null);
  const [proposal, setProposal] = useState<{ request: PlanRequest; result: ProposalResponse['proposal'] } | null>(null);
  const [proposing, setProposing] = useState(false);
  const [proposeError, setProposeError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [changeProblem, setChangeProblem] = useState<SaveProblem | null>(null);

  useEffect(() => {
    if (!loadedPlan) return;
    setCurrent(loadedPlan);
    setForm((existing) => existing ?? formFromRequest(loadedPlan.plan?.request ?? null));
  }, [loadedPlan]);

  const periods = calendar.status === 'ready' ? markedPeriods(calendar.data) : [];
  const plan = current?.plan ?? null;

  const reload = () => {
    setNotice(null);
    loaded.retry();
  };

  const propose = async () => {
    if (!form) return;
    const request = requestFromForm(form);
    setProposing(true);
    setProposeError(null);
    setNotice(null);
    try {
      const response = await api.proposeDates(communityId, year.id, request);
      setProposal({ request, result: response.proposal });
      setDrafts(response.proposal.meetings.map(draftFromProposal));
      setSaveProblem(null);
    } catch (cause) {
      setProposeError(toApiError(cause));
    } finally {
      setProposing(false);
    }
  };

  const save = async () => {
    if (!drafts || !form) return;
    setSaving(true);
    setSaveProblem(null);
    setNotice(null);
    try {
      const response = await api.savePlan(communityId, year.id, {
        version: plan?.version ?? null,
        request: proposal?.request ?? plan?.request ?? requestFromForm(form),
        meetings: meetingInputs(drafts),
      });
      setCurrent(response);
      setDrafts(null);
      setProposal(null);
      setNotice('Draft saved. Publish when you are ready for members to see it.');
    } catch (cause) {
      const error = toApiError(cause);
      setSaveProblem({ conflict: error.status === 409 || error.code === 'plan_changed', error });
    } finally {
      setSaving(false);
    }
  };

  const changeMeeting = async (meetingId: string, change: Omit<MeetingChange, 'version'>): Promise<boolean> => {
    if (!plan) return false;
    setChanging(true);
    setChangeProblem(null);
    setNotice(null);
    try {
      setCurrent(await api.changeMeeting(meetingId, { version: plan.version, ...change }));
      setNotice(change.status === 'cancelled' ? 'Meeting cancelled.' : 'Meeting changed.');
      return true;
    } catch (cause) {
      const error = toApiError(cause);
      setChangeProblem({ conflict: error.status === 409 || error.code === 'plan_changed', error });
      return false;
    } finally {
      setChanging(false);
    }
  };

  if (!current) {
    if (loaded.status === 'error') {
      return <ErrorNotice title="The plan could not be loaded" error={loaded.error} onRetry={loaded.retry} />;
    }
    return <LoadingIndicator label="Loading the plan…" />;
  }

  const activeMeetings = plan?.meetings.filter((meeting) => meeting.status !== 'cancelled') ?? [];
  const gridMeetings: MarkedMeeting[] = drafts
    ? drafts
        .filter((draft) => /^\d{4}-\d{2}-\d{2}$/.test(draft.date))
        .map((draft, index) => ({
          date: draft.date,
          mode: draft.mode,
          label: `Proposed meeting ${index + 1} of ${drafts.length}, ${meetingModeLabel(draft.mode)}, ${draft.startTime}`,
        }))
    : activeMeetings.map((meeting) => ({
        date: londonDateOf(meeting.startsAt),
        mode: meeting.mode,
        label: `Meeting ${meeting.sequence} of ${meeting.of}, ${meetingModeLabel(meeting.mode)}, ${formatTime(meeting.startsAt)}`,
      }));
  const publishBlocked = !plan
    ? 'Save the plan as a draft before publishing it.'
    : drafts
      ? 'Save or discard your changes before publishing.'
      : activeMeetings.length === 0 && !plan.meetings.some((m) => m.published)
        ? 'The plan has no meetings to publish.'
        : null;

  return (
    <>
      {loaded.status === 'error' ? (
        <ErrorNotice title="The latest plan could not be loaded" error={loaded.error} onRetry={loaded.retry} />
      ) : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}

      <section aria-labelledby="plan-form-heading" className={styles.section}>
        <SectionHeading id="plan-form-heading">
          {plan ? `Re-plan ${current.community.name} for ${current.year.label}` : `Plan ${current.community.name} for ${current.year.label}`}
        </SectionHeading>
        {plan ? (
          <Text className={styles.muted}>
            Proposing dates again replaces the meetings below once you save; published meetings that are dropped are
            cancelled for members when you next publish.
          </Text>
        ) : null}
        <PlanForm value={form ?? formFromRequest(null)} onChange={setForm} onPropose={() => void propose()} proposing={proposing} />
        {proposeError ? <ErrorNotice title="Dates could not be proposed" error={proposeError} /> : null}
      </section>

      {drafts ? (
        <section aria-labelledby="draft-heading" className={styles.section}>
          <SectionHeading id="draft-heading">{proposal ? 'Proposed dates' : 'Edit meetings'}</SectionHeading>
          {proposal ? <Text>{proposal.result.summary}</Text> : null}
          {proposal && proposal.result.unplaced.length > 0 ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {proposal.result.unplaced.length === 1
                    ? '1 meeting could not be placed'
                    : `${proposal.result.unplaced.length} meetings could not be placed`}
                </MessageBarTitle>
                <ul className={styles.unplaced}>
                  {proposal.result.unplaced.map((item, index) => (
                    <li key={index}>{item.explanation}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {drafts.length === 0 ? (
            <Text className={styles.muted}>No meetings. Propose dates again or add a meeting.</Text>
          ) : (
            <DraftMeetingsTable drafts={drafts} periods={periods} onChange={setDrafts} labelledBy="draft-heading" />
          )}
          {saveProblem ? <SaveProblemNotice problem={saveProblem} onReload={reload} reloading={loaded.status === 'loading'} /> : null}
          <div className={styles.row}>
            <Button appearance="primary" disabled={saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save draft'}
            </Button>
            <Button
              disabled={saving}
              onClick={() =>
                setDrafts([
                  ...drafts,
                  {
                    ...(drafts[drafts.length - 1] ?? draftFromDefaults(form ?? formFromRequest(null), year.startsOn)),
                    key: Date.now(),
                    id: undefined,
                    title: undefined,
                    period: '',
                  },
                ])
              }
            >
              Add a meeting
            </Button>
            <Button
              appearance="subtle"
              disabled={saving}
              onClick={() => {
                setDrafts(null);
                setProposal(null);
                setSaveProblem(null);
              }}
            >
              Discard changes
            </Button>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="plan-heading" className={styles.section}>
        <SectionHeading id="plan-heading">Meetings in the plan</SectionHeading>
        {plan ? (
          <>
            <div className={styles.row}>
              <Badge appearance="filled" color={plan.status === 'published' ? 'success' : 'informative'} shape="rounded">
                {plan.status === 'published' ? 'Published plan' : 'Draft plan'}
              </Badge>
              <Text className={styles.muted}>Version {plan.version}</Text>
              {!drafts && plan.meetings.length > 0 ? (
                <Button size="small" onClick={() => setDrafts(plan.meetings.filter((m) => m.status !== 'cancelled').map(draftFromPlanned))}>
                  Edit all meetings
                </Button>
              ) : null}
            </div>
            {changeProblem && !changing ? (
              <SaveProblemNotice problem={changeProblem} onReload={reload} reloading={loaded.status === 'loading'} />
            ) : null}
            {plan.meetings.length === 0 ? (
              <Text className={styles.muted}>This plan has no meetings.</Text>
            ) : (
              <PlanMeetingsTable
                meetings={plan.meetings}
                labelledBy="plan-heading"
                busy={changing}
                error={changeProblem ? <ErrorNotice title="The change was not saved" error={changeProblem.error} /> : null}
                onChange={changeMeeting}
              />
            )}
          </>
        ) : (
          <div className={styles.empty}>
            <Text className={styles.muted}>No plan saved for this year yet. Propose dates above, then save a draft.</Text>
          </div>
        )}
      </section>

      <section aria-labelledby="year-grid-heading" className={styles.section}>
        <SectionHeading id="year-grid-heading">Year at a glance</SectionHeading>
        {calendar.status === 'loading' ? <LoadingIndicator label="Loading the school calendar…" /> : null}
        {calendar.status === 'error' ? (
          <ErrorNotice title="The school calendar could not be loaded" error={calendar.error} onRetry={calendar.retry} />
        ) : null}
        {calendar.status === 'ready' ? (
          <YearCalendar
            label={`${current.community.name} meetings in ${current.year.label}, month by month`}
            startsOn={calendar.data.year.startsOn}
            endsOn={calendar.data.year.endsOn}
            periods={periods}
            meetings={gridMeetings}
          />
        ) : null}
      </section>

      <section aria-labelledby="publish-heading" className={styles.section}>
        <SectionHeading id="publish-heading">Publish</SectionHeading>
        <PublishPanel
          api={api}
          communityId={communityId}
          yearId={year.id}
          meetingCount={activeMeetings.length}
          disabledReason={publishBlocked}
          onFinished={reload}
        />
      </section>

      <section aria-labelledby="share-heading" className={styles.section}>
        <SectionHeading id="share-heading">Share the schedule</SectionHeading>
        <ScheduleExports api={api} yearLabel={year.label} communityId={communityId} />
      </section>
    </>
  );
}

function SaveProblemNotice({ problem, onReload, reloading }: { problem: SaveProblem; onReload: () => void; reloading: boolean }) {
  if (!problem.conflict) return <ErrorNotice title="The plan was not saved" error={problem.error} />;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Someone else changed this plan</MessageBarTitle>
        Someone else changed this plan while you were working on it, so your changes were not saved. Your edits are
        still here: reload to get their version, then save again.
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onReload} disabled={reloading}>
          {reloading ? 'Reloading…' : 'Reload'}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

function draftFromDefaults(form: PlanFormState, date: string): DraftMeeting {
  return {
    key: 0,
    period: '',
    date,
    startTime: form.startTime,
    durationMinutes: Number(form.durationMinutes) || 60,
    mode: 'online',
    venue: '',
  };
}
