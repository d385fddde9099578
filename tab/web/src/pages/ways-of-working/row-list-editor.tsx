import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  rowActions: { display: 'flex', gap: tokens.spacingHorizontalXS, paddingTop: tokens.spacingVerticalXXL },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** What every list in the form shares: where problems are, how to focus a field, the form's id prefix. */
export interface RowListForm {
  fieldError: (field: string) => string | undefined;
  focus: (elementId: string) => void;
  idPrefix: string;
}

/** What a row's fields are given: the id its first field takes, and a way to change the row. */
export interface RowFields<Row> {
  row: Row;
  index: number;
  /** Focused when the row is added, so keyboard users can type straight into it. */
  inputId: string;
  /** Changes this row; `field` is the form field whose problem the change settles. */
  update: (change: Partial<Row>, field: string) => void;
}

/**
 * An ordered list of rows (values, behaviours) as a fieldset: each row's fields with Up, Down and
 * Remove beside them, and an Add button below that stops at the server's limit.
 */
export function RowListEditor<Row extends { key: number }>(props: {
  legend: string;
  /** One row, in lower case: "behaviour" gives the labels "Add behaviour" and "Move behaviour 2 up". */
  noun: string;
  rows: readonly Row[];
  /** Called with the rows after a change and the form field whose problem it settles. */
  onChange: (rows: Row[], field: string) => void;
  /** The field for the list as a whole: its problem shows under the legend, and moves and adds settle it. */
  listField: string;
  /** The field whose problem goes when the row with this key is removed. */
  rowField: (key: number) => string;
  newRow: () => Row;
  limit: number;
  /** Shown once the list is at its limit. */
  fullNote: string;
  form: RowListForm;
  /** The row's own fields, shown before its buttons. */
  children: (fields: RowFields<Row>) => ReactNode;
}) {
  const { legend, noun, rows, onChange, listField, rowField, newRow, limit, fullNote, form, children } = props;
  const { fieldError, focus, idPrefix } = form;
  const styles = useStyles();
  const listError = fieldError(listField);
  const errorId = `${idPrefix}-${listField}-error`;
  const inputId = (row: Row) => `${idPrefix}-${noun}-${row.key}`;
  const full = rows.length >= limit;
  return (
    <fieldset className={styles.fieldset} aria-describedby={listError ? errorId : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      {listError ? (
        <Text id={errorId} className={styles.error}>
          {listError}
        </Text>
      ) : null}
      <ol className={styles.list}>
        {rows.map((row, index) => (
          <li key={row.key} className={styles.row}>
            {children({
              row,
              index,
              inputId: inputId(row),
              update: (change, field) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...change } : r)), field),
            })}
            <RowButtons
              what={`${noun} ${index + 1}`}
              index={index}
              count={rows.length}
              move={(to) => onChange(moved(rows, index, to), listField)}
              remove={() => onChange(rows.filter((r) => r.key !== row.key), rowField(row.key))}
            />
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={full}
          onClick={() => {
            const row = newRow();
            onChange([...rows, row], listField);
            focus(inputId(row));
          }}
        >
          {`Add ${noun}`}
        </Button>
        {full ? <Text className={styles.muted}>{fullNote}</Text> : null}
      </div>
    </fieldset>
  );
}

/** Moves the item at `from` to `to`. */
function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
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
