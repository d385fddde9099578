import { Field, MessageBar, MessageBarBody, MessageBarTitle, Select } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { ApiClient } from '../../api/client';
import type { AcademicYear } from '../../api/planner-types';
import { useApiRequest } from '../../api/use-api-request';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';

/**
 * Chooses the academic year. Until the person picks one it selects the year containing today,
 * or else the next one to start, so the page opens on the year being planned.
 */
export function AcademicYearPicker(props: { api: ApiClient; value: string | null; onChange: (year: AcademicYear) => void }) {
  const { api, value, onChange } = props;
  const years = useApiRequest((signal) => api.listAcademicYears(signal), [api]);
  const items = years.status === 'ready' ? years.data.items : null;

  useEffect(() => {
    if (items && !value) {
      const initial = defaultYear(items);
      if (initial) onChange(initial);
    }
  }, [items, value, onChange]);

  if (years.status === 'loading') return <LoadingIndicator label="Loading academic years…" />;
  if (years.status === 'error') {
    return <ErrorNotice title="Academic years could not be loaded" error={years.error} onRetry={years.retry} />;
  }
  if (years.data.items.length === 0) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>No academic years yet</MessageBarTitle>
          Ask a trust administrator to add the academic year and its term dates.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <Field label="Academic year" style={{ maxWidth: '240px' }}>
      <Select
        value={value ?? ''}
        onChange={(_event, data) => {
          const year = years.data.items.find((item) => item.id === data.value);
          if (year) onChange(year);
        }}
      >
        {years.data.items.map((year) => (
          <option key={year.id} value={year.id}>
            {year.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function defaultYear(items: AcademicYear[], today = new Date().toISOString().slice(0, 10)): AcademicYear | undefined {
  return (
    items.find((year) => year.startsOn <= today && today <= year.endsOn) ??
    [...items].sort((a, b) => a.startsOn.localeCompare(b.startsOn)).find((year) => year.startsOn > today) ??
    items[items.length - 1]
  );
}
