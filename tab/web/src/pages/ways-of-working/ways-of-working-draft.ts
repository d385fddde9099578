import type { ApiIssue } from '../../api/types';
import type { WaysOfWorkingInput, WaysOfWorkingVersion } from '../../api/ways-of-working-client';

/** The server's limits (`waysOfWorkingInputSchema`), so the form stops at them instead of failing on save. */
export const limits = { title: 120, valueTitle: 60, meaning: 300, behaviour: 300, values: 10, behaviours: 15 } as const;

/** Each row keeps a key, so its text and its error stay with it when rows above move or go. */
export interface ValueRow {
  key: number;
  title: string;
  meaning: string;
}

export interface BehaviourRow {
  key: number;
  text: string;
}

/** What the editor holds: text as typed, kept whatever the server says about it. */
export interface WaysOfWorkingDraft {
  title: string;
  effectiveFrom: string;
  values: ValueRow[];
  behaviours: BehaviourRow[];
}

let nextKey = 1;
export const newValueRow = (title = '', meaning = ''): ValueRow => ({ key: nextKey++, title, meaning });
export const newBehaviourRow = (text = ''): BehaviourRow => ({ key: nextKey++, text });

/** A new version's starting point: the latest version's wording, dated `effectiveFrom`. */
export function draftFrom(start: WaysOfWorkingVersion | null, defaults: { title: string; effectiveFrom: string; withValues: boolean }): WaysOfWorkingDraft {
  const values = defaults.withValues ? (start?.content.values ?? []).map((value) => newValueRow(value.title, value.meaning)) : [];
  const behaviours = (start?.content.behaviours ?? []).map((text) => newBehaviourRow(text));
  return {
    title: start?.title ?? defaults.title,
    effectiveFrom: defaults.effectiveFrom,
    values: defaults.withValues && values.length === 0 ? [newValueRow()] : values,
    behaviours: behaviours.length > 0 ? behaviours : [newBehaviourRow()],
  };
}

/** Where a problem is shown: one of the form's fields (see the `…Field` helpers) or, if none fits, only in the summary. */
export const titleField = 'title';
export const effectiveFromField = 'effectiveFrom';
export const valuesField = 'values';
export const behavioursField = 'behaviours';
export const valueTitleField = (key: number) => `value-title:${key}`;
export const valueMeaningField = (key: number) => `value-meaning:${key}`;
export const behaviourField = (key: number) => `behaviour:${key}`;

/**
 * The body to send, and where each of its paths is in the form. Empty rows are left out (an
 * unused "Add behaviour" is not a mistake), so the body's indexes are mapped back to row keys.
 */
export function inputFrom(draft: WaysOfWorkingDraft, withValues: boolean): { input: WaysOfWorkingInput; fieldOf: (path: string) => string | null } {
  const values = withValues ? draft.values.filter((row) => row.title.trim() || row.meaning.trim()) : [];
  const behaviours = draft.behaviours.filter((row) => row.text.trim());
  const input: WaysOfWorkingInput = {
    title: draft.title,
    effectiveFrom: draft.effectiveFrom,
    ...(withValues ? { values: values.map((row) => ({ title: row.title, meaning: row.meaning })) } : {}),
    behaviours: behaviours.map((row) => row.text),
  };
  const fieldOf = (path: string): string | null => {
    const [head, index, part] = path.split('.');
    if (head === titleField || head === effectiveFromField) return index === undefined ? head : null;
    if (head === behavioursField) {
      const row = index === undefined ? undefined : behaviours[Number(index)];
      return row ? behaviourField(row.key) : behavioursField;
    }
    if (head === valuesField) {
      const row = index === undefined ? undefined : values[Number(index)];
      if (!row) return valuesField;
      return part === 'meaning' ? valueMeaningField(row.key) : valueTitleField(row.key);
    }
    return null;
  };
  return { input, fieldOf };
}

/** The server's problems by field (the first for each), and those no field can show. */
export function placeIssues(issues: readonly ApiIssue[], fieldOf: (path: string) => string | null): { fields: Record<string, string>; elsewhere: string[] } {
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const message = sentence(issue.message);
    if (field === null) elsewhere.push(message);
    else fields[field] ??= message;
  }
  return { fields, elsewhere };
}

/** The server writes its messages to follow a field name ("give each value a title"); beside a field they start a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
