import { graphErrorText, type GraphJsonClient } from './graph-json-client';

export type InstallResult = { ok: true; alreadyInstalled: boolean } | { ok: false; message: string };

/** Installs the app in a person's personal scope so the bot can start a chat with them. */
export interface AppInstaller {
  installForUser(entraObjectId: string): Promise<InstallResult>;
}

/** `POST /users/{id}/teamwork/installedApps` (`TeamsAppInstallation.ReadWriteSelfForUser.All`); 409 means it is already there. */
export class GraphAppInstaller implements AppInstaller {
  constructor(
    private readonly graph: GraphJsonClient,
    /** The app's id in the tenant's app catalog (not the manifest id). */
    private readonly catalogAppId: string,
  ) {}

  async installForUser(entraObjectId: string): Promise<InstallResult> {
    const answer = await this.graph.request('POST', `/users/${encodeURIComponent(entraObjectId)}/teamwork/installedApps`, {
      'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${this.catalogAppId}`,
    });
    if (answer.status === 201 || answer.status === 200) return { ok: true, alreadyInstalled: false };
    if (answer.status === 409) return { ok: true, alreadyInstalled: true };
    return { ok: false, message: `Graph could not install the app for the person (${graphErrorText(answer)}).` };
  }
}
