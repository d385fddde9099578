import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Host, TeamsThemeName } from './detect-host';

const themes: Record<TeamsThemeName, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/**
 * The Fluent theme to render with: Teams' theme inside Teams (following live changes),
 * otherwise the browser's colour scheme and forced-colours preference.
 */
export function useHostTheme(host: Host | null): Theme {
  const [name, setName] = useState<TeamsThemeName>(() =>
    host?.kind === 'teams' ? host.theme : browserThemeName(),
  );

  useEffect(() => {
    if (host?.kind === 'teams') {
      setName(host.theme);
      host.onThemeChange(setName);
      return undefined;
    }
    const queries = [matchMedia('(prefers-color-scheme: dark)'), matchMedia('(forced-colors: active)')];
    const update = () => setName(browserThemeName());
    update();
    queries.forEach((query) => query.addEventListener('change', update));
    return () => queries.forEach((query) => query.removeEventListener('change', update));
  }, [host]);

  return themes[name];
}

function browserThemeName(): TeamsThemeName {
  if (matchMedia('(forced-colors: active)').matches) return 'contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}
