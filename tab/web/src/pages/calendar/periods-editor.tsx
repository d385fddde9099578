import { Button, Input, MessageBar, MessageBarBody, Select, TableCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import type { ApiClient, ApiError } from '../../api/client';
import { toApiError } from '../../api/use-api-request';
import type { PeriodInput, PeriodKind, SchoolCalendarResponse } from '../../api/planner-types';
import { ErrorNotice } from '../../components/request-status';
import { ScrollingTable } from '../../components/scrolling-table';
import { periodKindLabel, periodKindOptions } from '../../format/labels';
import { sortPeriods } from './periods-table';

interface DraftPeriod extends PeriodInput {
  key: number;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { minWidth: '760px' },
  nameInput: { width: '100%', minWidth: '200px' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  fileInput: { position: 'absolute', width: '1px', height: '1px', opacity: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

let nextKey = 1;
const withKeys = (periods: readonly PeriodInput[]): DraftPeriod[] =>
  sortPeriods(periods).map((period) => ({ kind: period.kind, name: period.name, startsOn: period.startsOn, endsOn: period.endsOn, key: nextKey++ }));

/**
 * Trust admins' editor for the year's periods. Edits stay on the page until saved; a rejected save
 * shows the server's list of problems beside the form and keeps every edit.
 */
export function PeriodsEditor(props: {
  api: ApiClient;
  calendar: SchoolCalendarResponse;
  onSaved: (calendar: SchoolCalendarResponse) => void;
}) {
  const { api, calendar, onSaved } = props;
  const styles = useStyles();
  const [rows, setRows] = useState<DraftPeriod[]>(() => withKeys(calendar.periods));
  const [busy, setBusy] = useState<'saving' | 'importing' | null>(null);
  const [error, setError] = useState<{ title: string; error: ApiError } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fileInputId = useId();
  const hintId = useId();

  const update = (key: number, change: Partial<PeriodInput>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
    setDirty(true);
    setNotice(null);
  };

  const add = () => {
    const day = calendar.year.startsOn;
    setRows((current) => [...current, { kind: 'inset_day', name: '', startsOn: day, endsOn: day, key: nextKey++ }]);
    setDirty(true);
    setNotice(null);
  };

  const remove = (key: number) => {
    setRows((current) => current.filter((row) => row.key !== key));
    setDirty(true);
    setNotice(null);
  };

  const save = async () => {
    setBusy('saving');
    setError(null);
    setNotice(null);
    try {
      const result = await api.saveSchoolCalendar(
        calendar.year.id,
        rows.map(({ kind, name, startsOn, endsOn }) => ({ kind, name: name.trim(), startsOn, endsOn })),
      );
      setRows(withKeys(result.periods));
      setDirty(false);
      setNotice('School calendar saved.');
      onSaved(result);
    } catch (cause) {
      setError({ title: 'The calendar was not saved', error: toApiError(cause) });
    } finally {
      setBusy(null);
    }
  };

  const importFile = async (file: File) => {
    setBusy('importing');
    setError(null);
    setNotice(null);
    try {
      const result = await api.importSchoolCalendar(calendar.year.id, await file.text());
      setRows(withKeys(result.periods));
      setDirty(false);
      setNotice(`Imported ${file.name}: ${result.periods.length} periods.`);
      onSaved(result);
    } catch (cause) {
      setError({ title: `${file.name} was not imported`, error: toApiError(cause) });
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <div className={styles.root}>
      <div className={styles.actions}>
        <Button onClick={add} disabled={busy !== null}>
          Add period
        </Button>
        <input
          ref={fileInput}
          id={fileInputId}
          className={styles.fileInput}
          type="file"
          accept=".csv,text/csv"
          tabIndex={-1}
          aria-hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
        <Button
         
          onClick={() => fileInput.current?.click()}
          disabled={busy !== null}
          aria-describedby={hintId}
        >
          {busy === 'importing' ? 'Importing…' : 'Import CSV'}
        </Button>
        <Text id={hintId} className={styles.hint}>
          CSV columns: kind, name, starts_on, ends_on (dates as YYYY-MM-DD).
        </Text>
      </div>

      {error ? <ErrorNotice title={error.title} error={error.error} /> : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}

      {rows.length === 0 ? (
        <Text className={styles.muted}>No periods yet. Add the terms, half-terms and INSET days, or import a CSV file.</Text>
      ) : (
        <ScrollingTable
          label="Editable terms and holidays"
          labelledBy="periods-heading"
          columns={['Kind', 'Name', 'First day', 'Last day']}
          actionsColumn
          tableClassName={styles.table}
        >
          {rows.map((row, index) => {
            const which = row.name.trim() || `row ${index + 1}`;
            return (
              <TableRow key={row.key}>
                <TableCell>
                  <Select
                    aria-label={`Kind of ${which}`}
                    value={row.kind}
                    onChange={(_event, data) => update(row.key, { kind: data.value as PeriodKind })}
                  >
                    {periodKindOptions.map((kind) => (
                      <option key={kind} value={kind}>
                        {periodKindLabel(kind)}
                      </option>
                    ))}
                  </Select>
                </TableCell>
                <TableCell>
                  <Input
                    className={styles.nameInput}
                    aria-label={`Name of row ${index + 1}`}
                    value={row.name}
                    onChange={(_event, data) => update(row.key, { name: data.value })}
                  />
                </TableCell>
                <TableCell>
                  <Input
                    type="date"
                    aria-label={`First day of ${which}`}
                    value={row.startsOn}
                    onChange={(_event, data) =>
                      update(row.key, row.endsOn < data.value || row.endsOn === row.startsOn ? { startsOn: data.value, endsOn: data.value } : { startsOn: data.value })
                    }
                  />
                </TableCell>
                <TableCell>
                  <Input
                    type="date"
                    aria-label={`Last day of ${which}`}
                    value={row.endsOn}
                    onChange={(_event, data) => update(row.key, { endsOn: data.value })}
                  />
                </TableCell>
                <TableCell>
                  <Button
                    appearance="subtle"
                    aria-label={`Remove ${which}`}
                    onClick={() => remove(row.key)}
                  >
                    Remove
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </ScrollingTable>
      )}

      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void save()} disabled={busy !== null}>
          {busy === 'saving' ? 'Saving…' : 'Save calendar'}
        </Button>
        {dirty ? <Text className={styles.muted}>You have unsaved changes.</Text> : null}
      </div>
    </div>
  );
}
