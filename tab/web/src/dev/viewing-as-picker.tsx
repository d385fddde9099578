import { Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { PersonSummary } from '../api/types';
import { useApiRequest } from '../api/use-api-request';
import type { DevPerson } from './dev-person-store';

const SEARCH_DELAY_MS = 250;
const RESULT_LIMIT = 20;

const useStyles = makeStyles({
  field: { minWidth: '260px' },
  combobox: { minWidth: '220px' },
  option: { display: 'flex', flexDirection: 'column' },
  secondary: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * Local mode only: chooses whose view of the app to show. People are searched on the
 * server as the developer types, so large trusts need not load everyone.
 */
export function ViewingAsPicker(props: {
  api: ApiClient;
  selected: DevPerson | null;
  onSelect: (person: DevPerson) => void;
}) {
  const { api, selected, onSelect } = props;
  const styles = useStyles();
  const [inputText, setInputText] = useState(selected?.displayName ?? '');
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebounced(search, SEARCH_DELAY_MS);

  const people = useApiRequest(
    (signal) => api.listPeople({ search: debouncedSearch, limit: RESULT_LIMIT }, signal),
    [api, debouncedSearch],
  );

  useEffect(() => setInputText(selected?.displayName ?? ''), [selected]);

  const items: PersonSummary[] = people.status === 'ready' ? people.data.items : [];

  return (
    <Field
      className={styles.field}
      label="Viewing as"
      orientation="horizontal"
      validationState={people.status === 'error' ? 'error' : 'none'}
      validationMessage={people.status === 'error' ? `Could not load people: ${people.error.message}` : undefined}
    >
      <Combobox
        className={styles.combobox}
        placeholder="Choose a person"
        value={inputText}
        selectedOptions={selected ? [selected.id] : []}
        onChange={(event) => {
          setInputText(event.target.value);
          setSearch(event.target.value);
        }}
        onOptionSelect={(_event, data) => {
          const person = items.find((item) => item.id === data.optionValue);
          if (!person) return;
          setSearch('');
          onSelect({ id: person.id, displayName: person.displayName });
        }}
        onOpenChange={(_event, data) => {
          // Closing without choosing puts back the current person's name.
          if (!data.open) setInputText(selected?.displayName ?? '');
        }}
      >
        {people.status === 'loading' ? (
          <Option disabled value="" text="Loading people">
            Loading people…
          </Option>
        ) : null}
        {people.status === 'ready' && items.length === 0 ? (
          <Option disabled value="" text="No people found">
            No people found
          </Option>
        ) : null}
        {items.map((person) => (
          <Option key={person.id} value={person.id} text={person.displayName}>
            <span className={styles.option}>
              {person.displayName}
              <span className={styles.secondary}>{person.academyName ?? person.email}</span>
            </span>
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
