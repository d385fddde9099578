import { Table, TableBody, TableHeader, TableHeaderCell, TableRow, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  region: {
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  focusOutline: { ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * A table on a raised surface that scrolls sideways when the tab is narrower than the table. The
 * region is named and focusable so keyboard users can scroll it in a narrow channel tab or screen.
 */
export function ScrollingTable(props: {
  /** The region's name, such as "Upcoming meetings table". */
  label: string;
  /** The id of the heading that names the table. */
  labelledBy: string;
  /** The header cells' text, in order. */
  columns: readonly string[];
  /** Adds a last column, its header read out but not shown, for each row's buttons. */
  actionsColumn?: boolean;
  /** Sizes the table (a minimum width, its layout). */
  tableClassName?: string;
  /** Fluent's focus stroke round the region; without it the browser's own focus ring shows. */
  focusOutline?: boolean;
  /** The body's rows. */
  children: ReactNode;
}) {
  const { label, labelledBy, columns, actionsColumn = false, tableClassName, focusOutline = false, children } = props;
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.region, focusOutline && styles.focusOutline)} role="region" aria-label={label} tabIndex={0}>
      <Table className={tableClassName} aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            {columns.map((column) => (
              <TableHeaderCell key={column}>{column}</TableHeaderCell>
            ))}
            {actionsColumn ? (
              <TableHeaderCell>
                <span className="visually-hidden">Actions</span>
              </TableHeaderCell>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}
