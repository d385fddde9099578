import { Avatar, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Person } from '../../api/types';
import { PageHeading } from '../../components/headings';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  secondary: { color: tokens.colorNeutralForeground2 },
});

/** The signed-in person's name (the page's `h1`) with their job title and academy. */
export function ProfileSummary({ person }: { person: Person }) {
  const styles = useStyles();
  const detail = [person.jobTitle, person.academyName].filter((part): part is string => Boolean(part)).join(' · ');
  return (
    <div className={styles.root}>
      <Avatar name={person.displayName} size={56} color="colorful" aria-hidden />
      <div className={styles.details}>
        <PageHeading>{person.displayName}</PageHeading>
        {detail ? (
          <Text className={styles.secondary} size={400}>
            {detail}
          </Text>
        ) : null}
      </div>
    </div>
  );
}
