import type { TokenCredential } from '@azure/identity';

export type ChatInstallOutcome =
  | { ok: true; alreadyInstalled: boolean }
  | { ok: false; final: boolean; status: number | null; message: string; retryAfterMs?: number };

/** Puts our Teams app into a chat (a meeting chat) so the bot receives its meeting events and can post there. */
export interface ChatAppInstaller {
  installInChat(chatId: string): Promise<ChatInstallOutcome>;
}

/**
 * The resource-specific permissions consented with the install: meeting start and end events, and
 * posting in the chat (msteams-docs "RSC permissions"; Graph `POST /chats/{id}/installedApps`).
 */
export const meetingChatPermissions = ['OnlineMeeting.ReadBasic.Chat', 'ChatMessage.Read.Chat', 'OnlineMeetingNotification.Send.Chat'];

/** Graph `POST /chats/{chatId}/installedApps` with application permission TeamsAppInstallation.ReadWriteAndConsentSelfForChat.All. */
export class GraphChatAppInstaller implements ChatAppInstaller {
  private readonly root: string;

  constructor(private readonly options: { credential: TokenCredential; baseUrl: string; catalogAppId: string; fetch?: typeof fetch }) {
    this.root = options.baseUrl.replace(/\/+$/, '');
  }

  async installInChat(chatId: string): Promise<ChatInstallOutcome> {
    let response: Response;
    try {
      const token = await this.options.credential.getToken('https://graph.microsoft.com/.default');
      response = await (this.options.fetch ?? fetch)(`${this.root}/chats/${encodeURIComponent(chatId)}/installedApps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token.token}` } : {}) },
        body: JSON.stringify({
          'teamsApp@odata.bind': `${this.root}/appCatalogs/teamsApps/${this.options.catalogAppId}`,
          consentedPermissionSet: { resourceSpecificPermissions: meetingChatPermissions.map((permissionValue) => ({ permissionValue, permissionType: 'Application' })) },
        }),
      });
    } catch (error) {
      return { ok: false, final: false, status: null, message: `Graph could not be reached: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (response.ok) return { ok: true, alreadyInstalled: false };
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    const message = `${response.status} ${body.error?.code ?? ''} ${body.error?.message ?? ''}`.trim();
    if (response.status === 409) return { ok: true, alreadyInstalled: true };
    if (response.status === 429 || response.status >= 500) {
      const seconds = Number(response.headers.get('retry-after'));
      return { ok: false, final: false, status: response.status, message, ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}) };
    }
    return { ok: false, final: true, status: response.status, message };
  }
}
