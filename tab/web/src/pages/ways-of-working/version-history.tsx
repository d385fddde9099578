import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WaysOfWorkingVersions } from '../../api/ways-of-working-client';
import { formatDate, formatDay, formatTime } from '../../format/dates';
import { BehaviourList, ValueList } from './framework-content';
import { versionStatus, type VersionStatus } from './version-status';

const useStyles = makeStyles({
  versions: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  version: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  summary: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

const statusBadges: Record<VersionStatus, { label: string; color: 'success' | 'brand' | 'informative' }> = {
  in_force: { label: 'In force', color: 'success' },
  scheduled: { label: 'Still to come', color: 'brand' },
  replaced: { label: 'Replaced', color: 'informative' },
};

/**
 * Every version, newest first, collapsed until asked for: what each said, from when, and who
 * saved it. The versions stay because each meeting's card shows the one in force on its date.
 */
export function VersionHistory({ data, heading }: { data: WaysOfWorkingVersions; heading: string }) {
  const styles = useStyles();
  const count = data.versions.length === 1 ? '1 version' : `${data.versions.length} versions`;
  return (
    <Accordion collapsible>
      <AccordionItem value="history">
        <AccordionHeader as="h3">
          {heading} ({count})
        </AccordionHeader>
        <AccordionPanel>
          <ol className={styles.versions} aria-label={heading}>
            {data.versions.map((version) => {
              const badge = statusBadges[versionStatus(version, data)];
              return (
                <li key={version.id} className={styles.version}>
                  <div className={styles.summary}>
                    <Text weight="semibold">
                      Version {version.version}: {version.title}
                    </Text>
                    <Badge appearance={badge.color === 'success' ? 'filled' : 'outline'} color={badge.color} shape="rounded">
                      {badge.label}
                    </Badge>
                  </div>
                  <Text className={styles.muted}>
                    In force from {formatDay(version.effectiveFrom)}. Saved {formatDate(version.savedAt)} at {formatTime(version.savedAt)}
                    {version.savedBy ? ` by ${version.savedBy}` : ' when the app was set up'}.
                  </Text>
                  {version.content.values.length > 0 ? <ValueList values={version.content.values} /> : null}
                  <BehaviourList behaviours={version.content.behaviours} />
                </li>
              );
            })}
          </ol>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
