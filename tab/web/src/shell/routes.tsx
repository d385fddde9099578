import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { CalendarPage } from '../pages/calendar/calendar-page';
import { HomePage } from '../pages/home/home-page';
import { SchedulePage } from '../pages/schedule/schedule-page';

/** A page of the tab: one entry here gives it a tab in the navigation and a hash path. */
export interface RouteDefinition {
  id: string;
  path: string;
  label: string;
  render: (api: ApiClient) => ReactNode;
}

/** In navigation order. Feedback and Self-assessment slot in here as they are built. */
export const routes: readonly RouteDefinition[] = [
  { id: 'home', path: '/', label: 'Home', render: (api) => <HomePage api={api} /> },
  { id: 'schedule', path: '/schedule', label: 'Schedule', render: (api) => <SchedulePage api={api} /> },
  { id: 'calendar', path: '/calendar', label: 'School calendar', render: (api) => <CalendarPage api={api} /> },
];

export function findRoute(path: string): RouteDefinition | undefined {
  return routes.find((route) => route.path === path);
}
