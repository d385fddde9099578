import { Link, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { PageHeading } from '../components/headings';
import type { ApiClient } from '../api/client';
import { useHashPath } from './hash-router';
import { findRoute, routes } from './routes';

const APP_NAME = 'Trust Communities';

const useStyles = makeStyles({
  root: {
    minHeight: '100%',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  banner: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  brand: { display: 'flex', flexDirection: 'column' },
  appName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  trustName: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  nav: {
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  main: {
    flexGrow: 1,
    width: '100%',
    maxWidth: '1200px',
    boxSizing: 'border-box',
    marginInline: 'auto',
    paddingBlock: tokens.spacingVerticalXXL,
    paddingInline: tokens.spacingHorizontalXXL,
    ':focus': { outlineStyle: 'none' },
  },
  footer: {
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalXXL,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    textAlign: 'end',
  },
});

/**
 * The frame every page sits in: a banner (app and trust name, plus `toolbar`), the section
 * tabs and the `main` landmark. When `gate` is given it replaces the page, e.g. until a
 * developer has chosen whom to view as.
 */
export function AppShell(props: {
  api: ApiClient;
  trustName: string;
  version: string;
  toolbar?: ReactNode;
  gate?: ReactNode;
}) {
  const { api, trustName, version, toolbar, gate } = props;
  const styles = useStyles();
  const [path, navigate] = useHashPath();
  const route = findRoute(path);

  useEffect(() => {
    document.title = route ? `${route.label} · ${APP_NAME}` : `Page not found · ${APP_NAME}`;
  }, [route]);

  return (
    <div className={styles.root}>
      <header className={styles.banner}>
        <div className={styles.brand}>
          <span className={styles.appName}>{APP_NAME}</span>
          <span className={styles.trustName}>{trustName}</span>
        </div>
        {toolbar}
      </header>
      {/* Hidden pages (setting up a tab) open in Teams' own dialog, where section tabs would lead away. */}
      {route?.hidden ? null : <nav className={styles.nav} aria-label="Sections">
        <TabList selectedValue={route?.id ?? null} onTabSelect={(_event, data) => {
          const next = routes.find((candidate) => candidate.id === data.value);
          if (next) navigate(next.path);
        }}>
          {routes.filter((candidate) => !candidate.hidden).map((candidate) => (
            <Tab key={candidate.id} value={candidate.id}>
              {candidate.label}
            </Tab>
          ))}
        </TabList>
      </nav>}
      <main className={styles.main} tabIndex={-1}>
        {gate ?? (route ? route.render(api) : <NotFound onHome={() => navigate('/')} />)}
      </main>
      <footer className={styles.footer}>Version {version}</footer>
    </div>
  );
}

function NotFound({ onHome }: { onHome: () => void }) {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <Text as="p">
        This page does not exist.{' '}
        <Link href="#/" onClick={onHome}>
          Go to Home
        </Link>
      </Text>
    </>
  );
}
