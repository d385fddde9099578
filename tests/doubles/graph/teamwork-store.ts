import type { AttendanceReport, GraphUser } from './types';

export interface CatalogApp {
  /** Catalog id (what `teamsApp@odata.bind` names), not the manifest id. */
  id: string;
  externalId?: string;
  displayName?: string;
}

export interface Installation {
  id: string;
  teamsApp: CatalogApp;
  consentedPermissionSet?: unknown;
  /** For personal installs: the chat between the user and the bot. */
  chatId?: string;
}

/** Users, app catalog, app installations (chats and users) and meeting attendance reports. */
export class TeamworkStore {
  readonly users = new Map<string, GraphUser>();
  readonly catalog = new Map<string, CatalogApp>();
  readonly chatInstallations = new Map<string, Installation[]>();
  readonly userInstallations = new Map<string, Installation[]>();
  /** Keyed by `${organizer}|${meetingId}`. */
  readonly attendanceReports = new Map<string, AttendanceReport[]>();

  /** Finds a seeded user by id, UPN or mail (case-insensitive). */
  user(idOrName: string): GraphUser | undefined {
    const key = idOrName.toLowerCase();
    for (const user of this.users.values()) {
      if (user.id.toLowerCase() === key || user.userPrincipalName?.toLowerCase() === key || user.mail?.toLowerCase() === key) return user;
    }
    return undefined;
  }

  /** Resolves `teamsApp@odata.bind`; with an empty catalog any id is accepted. */
  catalogApp(bind: unknown): CatalogApp | undefined {
    if (typeof bind !== 'string') return undefined;
    const id = decodeURIComponent(bind.replace(/\/+$/, '').split('/').pop() ?? '').replace(/^'|'$/g, '');
    if (!id) return undefined;
    if (this.catalog.size === 0) return { id };
    return this.catalog.get(id);
  }
}

export function installationId(scope: string, appId: string): string {
  return Buffer.from(`${scope}##${appId}`).toString('base64url');
}
