import { Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { MyCommunity } from '../../api/types';
import { formatDate, formatTimeRange } from '../../format/dates';
import { communityKindLabel, communityRoleLabel, meetingModeLabel } from '../../format/labels';

const useStyles = makeStyles({
  card: { height: '100%', gap: tokens.spacingVerticalM },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  name: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  priorities: {
    margin: 0,
    marginTop: tokens.spacingVerticalXS,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  nextMeeting: {
    marginTop: 'auto',
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
});

/** One community the person belongs to: what it is, their role, its priorities and next meeting. */
export function CommunityCard({ community }: { community: MyCommunity }) {
  const styles = useStyles();
  const headingId = `community-${community.id}`;
  const { nextMeeting } = community;

  return (
    <Card className={styles.card} role="article" aria-labelledby={headingId}>
      <div className={styles.header}>
        <Text as="h3" id={headingId} size={500} weight="semibold" className={styles.name}>
          {community.name}
        </Text>
        <div className={styles.badges}>
          <Badge appearance="tint" color="informative" shape="rounded">
            {communityKindLabel(community.kind)}
          </Badge>
          <Badge appearance={community.role === 'lead' ? 'filled' : 'outline'} color="brand" shape="rounded">
            {communityRoleLabel(community.role)}
          </Badge>
        </div>
      </div>

      {community.description ? <Text className={styles.description}>{community.description}</Text> : null}

      <div>
        <h4 className={styles.subheading}>Priorities</h4>
        {community.priorities.length > 0 ? (
          <ul className={styles.priorities}>
            {community.priorities.map((priority, index) => (
              <li key={index}>{priority}</li>
            ))}
          </ul>
        ) : (
          <Text className={styles.muted}>No priorities set yet.</Text>
        )}
      </div>

      <div className={styles.nextMeeting}>
        <h4 className={styles.subheading}>Next meeting</h4>
        {nextMeeting ? (
          <>
            <Text>
              <time dateTime={nextMeeting.startsAt}>{formatDate(nextMeeting.startsAt)}</time>,{' '}
              {formatTimeRange(nextMeeting.startsAt, nextMeeting.endsAt)}
            </Text>
            <Text className={styles.muted}>
              {[meetingModeLabel(nextMeeting.mode), nextMeeting.venue].filter(Boolean).join(' · ')}
            </Text>
          </>
        ) : (
          <Text className={styles.muted}>No meeting planned yet.</Text>
        )}
      </div>
    </Card>
  );
}
