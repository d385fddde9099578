import { MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import { PageHeading } from '../components/headings';

const useStyles = makeStyles({
  main: {
    maxWidth: '640px',
    marginInline: 'auto',
    paddingBlock: tokens.spacingVerticalXXXL,
    paddingInline: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
});

/** Shown when the production app is opened in a plain browser, where there is no Teams sign-in. */
export function OpenInTeams({ trustName }: { trustName: string }) {
  const styles = useStyles();
  return (
    <main className={styles.main}>
      <PageHeading>Trust Communities</PageHeading>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Open this app in Microsoft Teams</MessageBarTitle>
          Trust Communities for {trustName} signs you in through Microsoft Teams, so it cannot be used in a
          web browser on its own.
        </MessageBarBody>
      </MessageBar>
      <Text>
        In Teams, choose <strong>Apps</strong>, find <strong>Trust Communities</strong> and open it. If you cannot
        find it, ask your trust&apos;s IT team to make it available to you.
      </Text>
    </main>
  );
}
