import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { PeriodInput } from '../../api/planner-types';
import { formatDayRange } from '../../format/dates';
import { periodKindLabel } from '../../format/labels';

const useStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  nowrap: { whiteSpace: 'nowrap' },
});

/** The calendar's periods in date order, read only. */
export function PeriodsTable({ periods, labelledBy }: { periods: readonly PeriodInput[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <div className={styles.scroller} role="region" aria-label="Terms and holidays table" tabIndex={0}>
      <Table aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Kind</TableHeaderCell>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Dates</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sortPeriods(periods).map((period, index) => (
            <TableRow key={`${period.kind}-${period.startsOn}-${index}`}>
              <TableCell className={styles.nowrap}>{periodKindLabel(period.kind)}</TableCell>
              <TableCell>{period.name}</TableCell>
              <TableCell className={styles.nowrap}>{formatDayRange(period.startsOn, period.endsOn)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** By start date, longer periods (terms) before the days inside them. */
export function sortPeriods<T extends PeriodInput>(periods: readonly T[]): T[] {
  return [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || b.endsOn.localeCompare(a.endsOn));
}
