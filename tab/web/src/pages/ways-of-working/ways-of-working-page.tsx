import { makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { PageHeading } from '../../components/headings';
import { RelaunchSection } from './relaunch-section';
import { TrustFrameworkSection } from './trust-framework-section';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, maxWidth: '960px' },
});

/** The trust-wide Ways of Working: the framework (edited here by trust administrators) and this year's relaunch. */
export function WaysOfWorkingPage({ api }: { api: ApiClient }) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <PageHeading>Ways of Working</PageHeading>
      <TrustFrameworkSection api={api} />
      <RelaunchSection api={api} />
    </div>
  );
}
