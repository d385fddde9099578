import { isRecord } from '../shared/http-server';
import type { Route } from '../shared/router';
import type { CalendarStore } from './calendar-store';
import { overlaps } from './calendar-store';
import type { GraphResponse } from './errors';
import { graphError } from './errors';
import type { PageRequest } from './paging';
import { decodeToken, encodeToken, link, listPage, pageSizeOf } from './paging';
import type { Installation, TeamworkStore } from './teamwork-store';
import { installationId } from './teamwork-store';
import type { JsonObject } from './types';

export interface GraphRequest extends PageRequest {
  params: Record<string, string>;
  body: unknown;
  now: number;
}

export interface GraphRouteSpec {
  name: string;
  /** The mailbox an Outlook request counts against (absent for non-Outlook resources). */
  mailbox?: (params: Record<string, string>) => string;
  handle(request: GraphRequest): GraphResponse;
}

export interface GraphRouteContext {
  calendar: CalendarStore;
  teamwork: TeamworkStore;
  pageSize: number;
  baseUrl: () => string;
  /** Canonical mailbox key for a user id or UPN. */
  mailboxKey: (user: string) => string;
}

interface DeltaToken {
  since: number;
  start?: string;
  end?: string;
}

interface SkipToken extends DeltaToken {
  snapshot: number;
  offset: number;
}

const ok = (body: unknown, status = 200): GraphResponse => ({ status, body });

export function graphRoutes(context: GraphRouteContext): Route<GraphRouteSpec>[] {
  const { calendar, teamwork } = context;
  const user = (request: GraphRequest): string => context.mailboxKey(request.params.user ?? '');
  const mailbox = (params: Record<string, string>): string => context.mailboxKey(params.user ?? '');
  const notFound = (request: GraphRequest, what = 'The specified object was not found in the store.'): GraphResponse => graphError(404, 'ErrorItemNotFound', what, request.now);
  const iso = (request: GraphRequest): string => new Date(request.now).toISOString();

  function organizerOf(userKey: string): { name: string; address: string } {
    const found = teamwork.user(userKey);
    return { name: found?.displayName ?? userKey, address: found?.mail ?? found?.userPrincipalName ?? `${userKey}@example.org` };
  }

  const createEvent: GraphRouteSpec = {
    name: 'createEvent',
    mailbox,
    handle: (request) => {
      if (!isRecord(request.body)) return graphError(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. The request body is empty or not JSON.', request.now);
      const key = user(request);
      const transactionId = request.body.transactionId;
      if (typeof transactionId === 'string') {
        // A retried create with the same transactionId returns the event already created.
        const existing = calendar.byTransactionId(key, transactionId);
        if (existing) return ok(existing.resource, 201);
      }
      return ok(calendar.create(key, organizerOf(key), request.body, iso(request)).resource, 201);
    },
  };

  const listEvents: GraphRouteSpec = {
    name: 'listEvents',
    mailbox,
    handle: (request) => ok(listPage(context.baseUrl(), request, calendar.events(user(request)).map((event) => event.resource), context.pageSize)),
  };

  const getEvent: GraphRouteSpec = {
    name: 'getEvent',
    mailbox,
    handle: (request) => {
      const event = calendar.find(user(request), request.params.event ?? '');
      return event ? ok(event.resource) : notFound(request);
    },
  };

  const patchEvent: GraphRouteSpec = {
    name: 'updateEvent',
    mailbox,
    handle: (request) => {
      const event = calendar.find(user(request), request.params.event ?? '');
      if (!event) return notFound(request);
      if (!isRecord(request.body)) return graphError(400, 'ErrorInvalidRequest', 'The request body is empty or not JSON.', request.now);
      calendar.update(user(request), event, request.body, iso(request));
      return ok(event.resource);
    },
  };

  const cancelEvent: GraphRouteSpec = {
    name: 'cancelEvent',
    mailbox,
    handle: (request) => {
      const event = calendar.find(user(request), request.params.event ?? '');
      if (!event) return notFound(request);
      if (event.resource.isOrganizer === false) return graphError(400, 'ErrorInvalidRequest', 'Your request can\'t be completed. You need to be an organizer to cancel a meeting.', request.now);
      calendar.remove(user(request), event, true);
      return { status: 202 };
    },
  };

  const deleteEvent: GraphRouteSpec = {
    name: 'deleteEvent',
    mailbox,
    handle: (request) => {
      const event = calendar.find(user(request), request.params.event ?? '');
      if (!event) return notFound(request);
      calendar.remove(user(request), event, false);
      return { status: 204 };
    },
  };

  function delta(view: boolean): GraphRouteSpec {
    return {
      name: view ? 'calendarViewDelta' : 'eventsDelta',
      mailbox,
      handle: (request) => {
        const key = user(request);
        const skip = decodeToken<SkipToken>(request.query.get('$skiptoken'));
        const deltaToken = decodeToken<DeltaToken>(request.query.get('$deltatoken'));
        let state: SkipToken;
        if (skip) state = skip;
        else if (deltaToken) state = { ...deltaToken, snapshot: calendar.currentSequence(key), offset: 0 };
        else {
          const start = request.query.get('startDateTime') ?? undefined;
          const end = request.query.get('endDateTime') ?? undefined;
          if (view && (!start || !end)) {
            return graphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', request.now);
          }
          state = { since: 0, start, end, snapshot: calendar.currentSequence(key), offset: 0 };
        }
        const inRange = (resource: JsonObject): boolean => !state.start || !state.end || overlaps(resource, state.start, state.end);
        const changes = calendar
          .events(key, state.since > 0)
          .filter((event) => event.changeSequence > state.since && event.changeSequence <= state.snapshot)
          // A full round lists what is in the view; a later round reports an event that left the
          // view (moved out of the window) as removed, as it does a deleted one.
          .filter((event) => event.removed || inRange(event.resource) || state.since > 0)
          .sort((a, b) => a.changeSequence - b.changeSequence)
          .map((event) =>
            event.removed || !inRange(event.resource) ? { '@odata.type': '#microsoft.graph.event', id: event.resource.id, '@removed': { reason: 'deleted' } } : event.resource,
          );
        const size = pageSizeOf(request, context.pageSize);
        const value = changes.slice(state.offset, state.offset + size);
        if (state.offset + size < changes.length) {
          return ok({ value, '@odata.nextLink': link(context.baseUrl(), request.path, { $skiptoken: encodeToken({ ...state, offset: state.offset + size }) }) });
        }
        const next: DeltaToken = { since: state.snapshot, start: state.start, end: state.end };
        return ok({ value, '@odata.deltaLink': link(context.baseUrl(), request.path, { $deltatoken: encodeToken(next) }) });
      },
    };
  }

  const findOnlineMeetings: GraphRouteSpec = {
    name: 'listOnlineMeetings',
    handle: (request) => {
      const filter = request.query.get('$filter') ?? '';
      const match = /^joinWebUrl\s+eq\s+'(.*)'$/i.exec(filter.trim());
      if (!match) return graphError(400, 'BadRequest', "Filter on JoinWebUrl is required: $filter=JoinWebUrl eq '{joinWebUrl}'.", request.now);
      const url = (match[1] ?? '').replace(/''/g, "'");
      const meetings = calendar.onlineMeetings.get(user(request)) ?? [];
      return ok({ value: meetings.filter((meeting) => meeting.joinWebUrl === url) });
    },
  };

  const getOnlineMeeting: GraphRouteSpec = {
    name: 'getOnlineMeeting',
    handle: (request) => {
      const meeting = (calendar.onlineMeetings.get(user(request)) ?? []).find((candidate) => candidate.id === request.params.meeting);
      return meeting ? ok(meeting) : graphError(404, 'NotFound', 'Online meeting not found.', request.now);
    },
  };

  const reportsOf = (request: GraphRequest) => teamwork.attendanceReports.get(`${user(request)}|${request.params.meeting ?? ''}`);

  const listReports: GraphRouteSpec = {
    name: 'listAttendanceReports',
    handle: (request) => {
      const reports = reportsOf(request) ?? [];
      return ok({ value: reports.map(({ attendanceRecords: _records, ...report }) => report) });
    },
  };

  const getReport: GraphRouteSpec = {
    name: 'getAttendanceReport',
    handle: (request) => {
      const report = reportsOf(request)?.find((candidate) => candidate.id === request.params.report);
      if (!report) return graphError(404, 'NotFound', 'Attendance report not found.', request.now);
      const { attendanceRecords, ...summary } = report;
      return ok((request.query.get('$expand') ?? '').includes('attendanceRecords') ? { ...summary, attendanceRecords } : summary);
    },
  };

  const listRecords: GraphRouteSpec = {
    name: 'listAttendanceRecords',
    handle: (request) => {
      const report = reportsOf(request)?.find((candidate) => candidate.id === request.params.report);
      return report ? ok(listPage(context.baseUrl(), request, report.attendanceRecords, context.pageSize)) : graphError(404, 'NotFound', 'Attendance report not found.', request.now);
    },
  };

  function install(list: Map<string, Installation[]>, owner: string, request: GraphRequest, scope: string): GraphResponse {
    if (!isRecord(request.body)) return graphError(400, 'BadRequest', 'The request body is empty or not JSON.', request.now);
    const app = teamwork.catalogApp(request.body['teamsApp@odata.bind']);
    if (!app) return graphError(404, 'NotFound', 'The Teams app was not found in the app catalog.', request.now);
    const existing = list.get(owner) ?? [];
    if (existing.some((installation) => installation.teamsApp.id === app.id)) return graphError(409, 'Conflict', 'The app is already installed.', request.now);
    const installation: Installation = {
      id: installationId(`${scope}:${owner}`, app.id),
      teamsApp: app,
      consentedPermissionSet: request.body.consentedPermissionSet,
      chatId: scope === 'user' ? `19:${owner}_${app.id}@unq.gbl.spaces` : undefined,
    };
    list.set(owner, [...existing, installation]);
    return { status: 201 };
  }

  function listInstalled(list: Map<string, Installation[]>, owner: string, request: GraphRequest): GraphResponse {
    const filter = request.query.get('$filter') ?? '';
    const byField = /teamsApp\/(id|externalId)\s+eq\s+'([^']*)'/i.exec(filter);
    const items = (list.get(owner) ?? []).filter((installation) => {
      if (!byField) return true;
      const value = byField[1]?.toLowerCase() === 'id' ? installation.teamsApp.id : installation.teamsApp.externalId;
      return value === byField[2];
    });
    return ok(listPage(context.baseUrl(), request, items.map(({ chatId: _chatId, ...installation }) => installation), context.pageSize));
  }

  const chatApps = (request: GraphRequest): string => request.params.chat ?? '';

  const getUser: GraphRouteSpec = {
    name: 'getUser',
    handle: (request) => {
      const found = teamwork.user(request.params.user ?? '');
      return found
        ? ok(found)
        : graphError(404, 'Request_ResourceNotFound', `Resource '${request.params.user ?? ''}' does not exist or one of its queried reference-property objects are not present.`, request.now);
    },
  };

  const route = (method: string, pattern: string, spec: GraphRouteSpec): Route<GraphRouteSpec> => ({ method, pattern, name: spec.name, handler: spec });
  return [
    route('POST', '/users/{user}/events', createEvent),
    route('GET', '/users/{user}/events', listEvents),
    route('GET', '/users/{user}/events/delta', delta(false)),
    route('GET', '/users/{user}/calendarView/delta', delta(true)),
    route('GET', '/users/{user}/events/{event}', getEvent),
    route('PATCH', '/users/{user}/events/{event}', patchEvent),
    route('DELETE', '/users/{user}/events/{event}', deleteEvent),
    route('POST', '/users/{user}/events/{event}/cancel', cancelEvent),
    route('GET', '/users/{user}/onlineMeetings', findOnlineMeetings),
    route('GET', '/users/{user}/onlineMeetings/{meeting}', getOnlineMeeting),
    route('GET', '/users/{user}/onlineMeetings/{meeting}/attendanceReports', listReports),
    route('GET', '/users/{user}/onlineMeetings/{meeting}/attendanceReports/{report}', getReport),
    route('GET', '/users/{user}/onlineMeetings/{meeting}/attendanceReports/{report}/attendanceRecords', listRecords),
    route('GET', '/chats/{chat}/installedApps', { name: 'listChatApps', handle: (request) => listInstalled(teamwork.chatInstallations, chatApps(request), request) }),
    route('POST', '/chats/{chat}/installedApps', { name: 'installChatApp', handle: (request) => install(teamwork.chatInstallations, chatApps(request), request, 'chat') }),
    route('GET', '/users/{user}/teamwork/installedApps', { name: 'listUserApps', handle: (request) => listInstalled(teamwork.userInstallations, user(request), request) }),
    route('POST', '/users/{user}/teamwork/installedApps', { name: 'installUserApp', handle: (request) => install(teamwork.userInstallations, user(request), request, 'user') }),
    route('GET', '/users/{user}/teamwork/installedApps/{installation}/chat', {
      name: 'getInstalledAppChat',
      handle: (request) => {
        const installation = (teamwork.userInstallations.get(user(request)) ?? []).find((candidate) => candidate.id === request.params.installation);
        if (!installation?.chatId) return graphError(404, 'NotFound', 'Installation not found.', request.now);
        return ok({ id: installation.chatId, chatType: 'oneOnOne', topic: null, createdDateTime: iso(request), lastUpdatedDateTime: iso(request), tenantId: 'tenant', webUrl: `https://teams.microsoft.com/l/chat/${encodeURIComponent(installation.chatId)}/0` });
      },
    }),
    route('GET', '/users/{user}', getUser),
    route('GET', '/users', { name: 'listUsers', handle: (request) => ok(listPage(context.baseUrl(), request, [...teamwork.users.values()], context.pageSize)) }),
  ];
}
