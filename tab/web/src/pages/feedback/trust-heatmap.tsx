import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { FeedbackClient } from '../../api/feedback-client';
import { useApiRequest } from '../../api/use-api-request';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { percent } from './community-overview';

const useStyles = makeStyles({
  cell: { color: tokens.colorNeutralForeground1 },
  legend: { color: tokens.colorNeutralForeground2 },
});

/** Light to strong green by response rate; text stays dark on every shade for contrast. */
const shade = (rate: number) => `hsl(140, 45%, ${Math.round(96 - rate * 36)}%)`;

/** The PD director's heatmap: response and implementation by academy and community. */
export function TrustHeatmap({ client }: { client: FeedbackClient }) {
  const styles = useStyles();
  const trust = useApiRequest((signal) => client.trust(signal), [client]);
  if (trust.status === 'loading') return <LoadingIndicator label="Loading the trust's feedback…" />;
  if (trust.status === 'error') return <ErrorNotice title="The trust's feedback could not be loaded" error={trust.error} onRetry={trust.retry} />;
  const cells = new Map(trust.data.cells.map((c) => [`${c.academyId}|${c.communityId}`, c]));
  return (
    <>
      <Text className={styles.legend}>Each cell: share of colleagues asked who answered, then share of answers implemented or with impact noted. Darker green means a higher response rate.</Text>
      <Table aria-label="Response and implementation by academy and community">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Academy</TableHeaderCell>
            {trust.data.communities.map((c) => (
              <TableHeaderCell key={c.id}>{c.name}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {trust.data.academies.map((a) => (
            <TableRow key={a.id}>
              <TableCell>{a.name}</TableCell>
              {trust.data.communities.map((c) => {
                const cell = cells.get(`${a.id}|${c.id}`);
                return (
                  <TableCell key={c.id} className={styles.cell} style={cell ? { backgroundColor: shade(cell.responseRate) } : undefined}>
                    {cell ? `Response ${percent(cell.responseRate)} · implemented ${percent(cell.implementationRate)}` : 'Not asked'}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
