import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client';
import { CalendarPage } from '../pages/calendar/calendar-page';
import { CommunityPage } from '../pages/community/community-page';
import { ConfigurePage } from '../pages/configure/configure-page';
import { FeedbackPage } from '../pages/feedback/feedback-page';
import { HomePage } from '../pages/home/home-page';
import { MeetingPage } from '../pages/meeting/meeting-page';
import { SchedulePage } from '../pages/schedule/schedule-page';
import { SelfAssessmentPage } from '../pages/self-assessment/self-assessment-page';
import { WaysOfWorkingPage } from '../pages/ways-of-working/ways-of-working-page';

/** A page of the tab: one entry here gives it a tab in the navigation and a hash path. */
export interface RouteDefinition {
  id: string;
  path: string;
  label: string;
  render: (api: ApiClient) => ReactNode;
  /** Reachable by its path but not listed in the navigation (e.g. the page Teams opens to set up a tab). */
  hidden?: boolean;
}

/** In navigation order. Feedback and Self-assessment slot in here as they are built. */
export const routes: readonly RouteDefinition[] = [
  { id: 'home', path: '/', label: 'Home', render: (api) => <HomePage api={api} /> },
  { id: 'schedule', path: '/schedule', label: 'Schedule', render: (api) => <SchedulePage api={api} /> },
  { id: 'calendar', path: '/calendar', label: 'School calendar', render: (api) => <CalendarPage api={api} /> },
  { id: 'feedback', path: '/feedback', label: 'Feedback', render: (api) => <FeedbackPage api={api} /> },
  { id: 'self-assessment', path: '/self-assessment', label: 'Self-assessment', render: (api) => <SelfAssessmentPage api={api} /> },
  { id: 'relaunch', path: '/relaunch', label: 'Ways of Working', render: (api) => <WaysOfWorkingPage api={api} /> },
  { id: 'meeting', path: '/meeting', label: 'Meeting', render: (api) => <MeetingPage api={api} />, hidden: true },
  { id: 'community', path: '/community', label: 'Community', render: (api) => <CommunityPage api={api} />, hidden: true },
  { id: 'configure', path: '/configure', label: 'Set up tab', render: (api) => <ConfigurePage api={api} />, hidden: true },
];

export function findRoute(path: string): RouteDefinition | undefined {
  return routes.find((route) => route.path === path);
}
