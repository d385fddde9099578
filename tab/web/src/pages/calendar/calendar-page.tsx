import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { SchoolCalendarResponse } from '../../api/planner-types';
import { useApiRequest } from '../../api/use-api-request';
import { PageHeading, SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { YearCalendar, type MarkedPeriod } from '../../components/year-calendar';
import { AcademicYearPicker } from '../shared/academic-year-picker';
import { PeriodsEditor } from './periods-editor';
import { PeriodsTable } from './periods-table';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
});

/** The year's terms, half-terms, INSET days, closures and bank holidays; trust admins can change them. */
export function CalendarPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const [yearId, setYearId] = useState<string | null>(null);

  return (
    <div className={styles.page}>
      <div className={styles.section}>
        <PageHeading>School calendar</PageHeading>
        <Text className={styles.intro}>
          Terms, half-terms, INSET days, closures and bank holidays for the academic year. Community meetings are
          only planned on school days.
        </Text>
        <AcademicYearPicker api={api} value={yearId} onChange={(year) => setYearId(year.id)} />
      </div>
      {yearId ? <CalendarForYear key={yearId} api={api} yearId={yearId} /> : null}
    </div>
  );
}

function CalendarForYear({ api, yearId }: { api: ApiClient; yearId: string }) {
  const styles = useStyles();
  const request = useApiRequest((signal) => api.getSchoolCalendar(yearId, signal), [api, yearId]);
  // A save or import replaces what was loaded, without a second round trip.
  const [saved, setSaved] = useState<SchoolCalendarResponse | null>(null);
  // Another person (local mode's "Viewing as") sees what the server says for them, not the last save.
  useEffect(() => setSaved(null), [api]);

  if (request.status === 'loading') return <LoadingIndicator label="Loading the school calendar…" />;
  if (request.status === 'error') {
    return <ErrorNotice title="The school calendar could not be loaded" error={request.error} onRetry={request.retry} />;
  }
  const calendar = saved ?? request.data;

  return (
    <>
      <section aria-labelledby="periods-heading" className={styles.section}>
        <SectionHeading id="periods-heading">Terms and holidays for {calendar.year.label}</SectionHeading>
        {calendar.canEdit ? (
          <PeriodsEditor api={api} calendar={calendar} onSaved={setSaved} />
        ) : (
          <>
            <MessageBar intent="info">
              <MessageBarBody>
                <MessageBarTitle>Read only</MessageBarTitle>
                Only trust administrators can change the school calendar.
              </MessageBarBody>
            </MessageBar>
            {calendar.periods.length === 0 ? (
              <Text>No terms or holidays have been entered for this year yet.</Text>
            ) : (
              <PeriodsTable periods={calendar.periods} labelledBy="periods-heading" />
            )}
          </>
        )}
      </section>
      <section aria-labelledby="year-grid-heading" className={styles.section}>
        <SectionHeading id="year-grid-heading">Year at a glance</SectionHeading>
        <YearCalendar
          label={`School calendar ${calendar.year.label}, month by month`}
          startsOn={calendar.year.startsOn}
          endsOn={calendar.year.endsOn}
          periods={markedPeriods(calendar)}
        />
      </section>
    </>
  );
}

/** The calendar's own periods plus any bank holiday the trust has not entered itself. */
export function markedPeriods(calendar: SchoolCalendarResponse): MarkedPeriod[] {
  const entered = new Set(calendar.periods.filter((p) => p.kind === 'bank_holiday').map((p) => p.startsOn));
  return [
    ...calendar.periods,
    ...calendar.bankHolidays
      .filter((holiday) => !entered.has(holiday.date))
      .map((holiday) => ({ kind: 'bank_holiday' as const, name: holiday.name, startsOn: holiday.date, endsOn: holiday.date })),
  ];
}
