import { startAppHarness, type AppHarness } from '../support/app-harness';
import { testDatabaseKinds } from '../support/test-database';

interface CalendarBody {
  year: { id: string; label: string };
  periods: Array<{ id: string; kind: string; name: string; startsOn: string; endsOn: string }>;
  bankHolidays: Array<{ date: string; name: string }>;
  halfTerms: Array<{ label: string; startsOn: string; endsOn: string }>;
  canEdit: boolean;
}

describe.each(testDatabaseKinds)('the school calendar API (%s)', (kind) => {
  let harness: AppHarness;
  let admin: string;
  let catherine: string;
  let yearId: string;
  const calendarPath = () => `/api/v1/academic-years/${yearId}/calendar`;
  const auditCount = async (action: string) =>
    Number((await harness.database.executeSql('select count(*)::int as n from audit_log where action = $1', [action])).rows[0]!.n);

  beforeAll(async () => {
    harness = await startAppHarness(kind);
    admin = await harness.personId('helen.marsh@aspire-trust.example');
    catherine = await harness.personId('catherine.rowe@aspire-trust.example');
    const years = (await (await harness.api('/api/v1/academic-years', catherine)).json()) as { items: Array<{ id: string; label: string }> };
    yearId = years.items.find((year) => year.label === '2026/27')!.id;
  });
  afterAll(() => harness.close());

  it('shows anyone in the trust the term dates, bank holidays and half-terms, editable only by admins', async () => {
    const asLead = (await (await harness.api(calendarPath(), catherine)).json()) as CalendarBody;
    expect(asLead.year.label).toBe('2026/27');
    expect(asLead.periods.filter((p) => p.kind === 'term').map((p) => p.name)).toEqual(['Autumn term', 'Spring term', 'Summer term']);
    expect(asLead.bankHolidays.map((h) => h.date)).toContain('2026-12-25');
    expect(asLead.halfTerms.map((h) => h.label)).toEqual(['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2']);
    expect(asLead.canEdit).toBe(false);
    const asAdmin = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    expect(asAdmin.canEdit).toBe(true);
  });

  it('refuses term dates from someone who is not a trust administrator', async () => {
    const response = await harness.send('PUT', calendarPath(), catherine, { periods: [] });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('Only trust administrators');
  });

  it('refuses overlapping terms with a 400 naming the overlap, and changes nothing', async () => {
    const before = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    const periods = before.periods.map(({ kind: periodKind, name, startsOn, endsOn }) =>
      name === 'Spring term' ? { kind: periodKind, name, startsOn: '2026-12-14', endsOn } : { kind: periodKind, name, startsOn, endsOn },
    );
    const response = await harness.send('PUT', calendarPath(), admin, { periods });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('school_calendar_invalid');
    expect(body.error.message).toMatch(/Autumn term .* overlaps Spring term/);
    const after = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    expect(after.periods).toEqual(before.periods);
  });

  it('replaces the periods when an admin saves valid dates, and records it in the audit log', async () => {
    const before = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    const periods = [
      ...before.periods.map(({ kind: periodKind, name, startsOn, endsOn }) => ({ kind: periodKind, name, startsOn, endsOn })),
      { kind: 'closure', name: 'Snow day', startsOn: '2027-02-03', endsOn: '2027-02-03' },
    ];
    const response = await harness.send('PUT', calendarPath(), admin, { periods });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CalendarBody;
    expect(body.periods).toHaveLength(before.periods.length + 1);
    expect(body.periods.map((p) => p.name)).toContain('Snow day');
    expect(await auditCount('calendar.replaced')).toBe(1);

    // Put the demo dates back for the tests that follow.
    const restore = before.periods.map(({ kind: periodKind, name, startsOn, endsOn }) => ({ kind: periodKind, name, startsOn, endsOn }));
    expect((await harness.send('PUT', calendarPath(), admin, { periods: restore })).status).toBe(200);
  });

  it('imports term dates from CSV, listing every bad row by number and writing nothing', async () => {
    const before = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    const csv = [
      'kind,name,starts_on,ends_on',
      'term,Autumn term,2026-09-01,2026-12-18',
      'holiday,Half term,2026-10-26,2026-10-30',
      'term,Spring term,2027-01-04,2027-02-30',
      'term,,2027-04-12,2027-07-23',
    ].join('\n');
    const response = await harness.send('POST', `${calendarPath()}/import`, admin, { csv });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('calendar_import_invalid');
    expect(body.error.message).toContain('Row 3: kind "holiday" must be one of');
    expect(body.error.message).toContain('Row 4: ends_on "2027-02-30" must be a date');
    expect(body.error.message).toContain('Row 5: name must not be empty');
    expect(body.error.message).not.toContain('Row 2');
    const after = (await (await harness.api(calendarPath(), admin)).json()) as CalendarBody;
    expect(after.periods).toEqual(before.periods);
  });

  it('imports a clean CSV in place of the old periods', async () => {
    const csv = ['kind,name,starts_on,ends_on', 'term,Autumn term,2026-09-01,2026-12-18', 'half_term,Autumn half-term,2026-10-26,2026-10-30', 'term,Spring term,2027-01-04,2027-03-25', 'term,Summer term,2027-04-12,2027-07-23'].join('\n');
    const response = await harness.send('POST', `${calendarPath()}/import`, admin, { csv });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CalendarBody;
    expect(body.periods).toHaveLength(4);
    expect(body.halfTerms.map((h) => h.label)).toEqual(['Autumn 1', 'Autumn 2', 'Spring', 'Summer']);
    expect(await auditCount('calendar.imported')).toBe(1);
  });
});
