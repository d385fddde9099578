import { AppError } from '../errors';

export type CalendarProblemCode =
  | 'invalid_date'
  | 'year_ends_before_it_starts'
  | 'period_ends_before_it_starts'
  | 'period_outside_year'
  | 'no_terms'
  | 'terms_overlap';

export interface CalendarProblem {
  code: CalendarProblemCode;
  message: string;
}

/** An academic year whose dates cannot make a school calendar; `problems` lists every reason. */
export class SchoolCalendarError extends AppError {
  constructor(
    readonly yearLabel: string,
    readonly problems: CalendarProblem[],
  ) {
    super(
      'school_calendar_invalid',
      problems.length === 1
        ? problems[0]!.message
        : `The calendar for ${yearLabel} has ${problems.length} problems: ${problems.map((p) => p.message).join(' ')}`,
      400,
      { problems },
    );
    this.name = 'SchoolCalendarError';
  }
}
