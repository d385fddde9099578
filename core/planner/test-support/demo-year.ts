import fs from 'node:fs';
import { z } from 'zod';
import { dataPath } from '../../directory/data-path';
import { buildSchoolCalendar, type AcademicYearDates, type SchoolCalendar } from '../school-calendar';

const demoFileSchema = z.object({
  academicYears: z.array(
    z.object({
      label: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      periods: z.array(
        z.object({
          kind: z.enum(['term', 'half_term', 'inset_day', 'closure', 'bank_holiday']),
          name: z.string(),
          startsOn: z.string(),
          endsOn: z.string(),
        }),
      ),
    }),
  ),
});

/** The 2026/27 year from the shipped demo trust, as tests plan around it. */
export function demoYear(): AcademicYearDates {
  const file = demoFileSchema.parse(JSON.parse(fs.readFileSync(dataPath('demo-trust.json'), 'utf8')));
  const year = file.academicYears.find((y) => y.label === '2026/27');
  if (!year) throw new Error('data/demo-trust.json has no 2026/27 academic year');
  return year;
}

/** The demo trust's 2026/27 calendar with England's bank holidays. */
export function demoCalendar(): SchoolCalendar {
  return buildSchoolCalendar(demoYear());
}
