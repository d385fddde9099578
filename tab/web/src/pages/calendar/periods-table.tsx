import { TableCell, TableRow, makeStyles } from '@fluentui/react-components';
import type { PeriodInput } from '../../api/planner-types';
import { ScrollingTable } from '../../components/scrolling-table';
import { formatDayRange } from '../../format/dates';
import { periodKindLabel } from '../../format/labels';

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
});

/** The calendar's periods in date order, read only. */
export function PeriodsTable({ periods, labelledBy }: { periods: readonly PeriodInput[]; labelledBy: string }) {
  const styles = useStyles();
  return (
    <ScrollingTable label="Terms and holidays table" labelledBy={labelledBy} columns={['Kind', 'Name', 'Dates']}>
      {sortPeriods(periods).map((period, index) => (
        <TableRow key={`${period.kind}-${period.startsOn}-${index}`}>
          <TableCell className={styles.nowrap}>{periodKindLabel(period.kind)}</TableCell>
          <TableCell>{period.name}</TableCell>
          <TableCell className={styles.nowrap}>{formatDayRange(period.startsOn, period.endsOn)}</TableCell>
        </TableRow>
      ))}
    </ScrollingTable>
  );
}

/** By start date, longer periods (terms) before the days inside them. */
export function sortPeriods<T extends PeriodInput>(periods: readonly T[]): T[] {
  return [...periods].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || b.endsOn.localeCompare(a.endsOn));
}
