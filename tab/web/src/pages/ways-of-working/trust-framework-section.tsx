import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../../api/client';
import { waysOfWorkingClient } from '../../api/ways-of-working-client';
import { SectionHeading } from '../../components/headings';
import { ErrorNotice, LoadingIndicator } from '../../components/request-status';
import { formatDay } from '../../format/dates';
import { EditableVersions } from './editable-versions';
import { FrameworkContent } from './framework-content';
import { useVersions } from './use-versions';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '72ch' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The trust framework in force, its history, and for trust administrators the editor for a new version. */
export function TrustFrameworkSection({ api }: { api: ApiClient }) {
  const styles = useStyles();
  const client = waysOfWorkingClient(api);
  const framework = useVersions((signal) => client.trustFramework(signal), [api]);
  const data = framework.data;

  return (
    <section aria-labelledby="framework-heading" className={styles.section}>
      <SectionHeading id="framework-heading">The trust framework</SectionHeading>
      <Text className={styles.intro}>
        The values and behaviours every community opens its meetings with. Each community adds its own agreements on its channel tab.
        {data && !data.canEdit ? ' Only trust administrators can change the trust framework.' : ''}
      </Text>
      {framework.request.status === 'loading' ? <LoadingIndicator label="Loading the trust framework…" /> : null}
      {framework.request.status === 'error' ? (
        <ErrorNotice title="The trust framework could not be loaded" error={framework.request.error} onRetry={framework.request.retry} />
      ) : null}
      {data ? (
        <>
          {data.inForce ? (
            <>
              <Text className={styles.muted}>
                {data.inForce.title}, version {data.inForce.version}, in force since {formatDay(data.inForce.effectiveFrom)}
              </Text>
              <FrameworkContent version={data.inForce} />
            </>
          ) : (
            <Text className={styles.muted}>The trust has no Ways of Working in force today.</Text>
          )}
          <EditableVersions
            data={data}
            editLabel="Edit the trust framework"
            withValues
            defaultTitle="Our Ways of Working"
            historyHeading="Version history of the trust framework"
            save={(input) => client.saveTrustFramework(input)}
            refresh={framework.refresh}
          />
        </>
      ) : null}
    </section>
  );
}
