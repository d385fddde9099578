import type { AccessToken, TokenCredential } from '@azure/identity';
import type { Database } from '../../core/db/database';
import { loadDemoTrustIfEmpty } from '../../core/directory/demo-trust';
import { GraphChatAppInstaller } from '../../core/graph/chat-app-installer';
import { createLogger } from '../../core/log/logger';
import { installIntoMeetingChat, meetingsNeedingChatInstall } from '../../core/ways-of-working/meeting-sweep';
import { startGraphDouble, type GraphDouble } from '../doubles/graph';
import { createTestDatabase } from '../support/test-database';

const logger = createLogger({ level: 'silent' });
const staticToken: TokenCredential = { getToken: async (): Promise<AccessToken> => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('installing the app into published meetings\' chats through Graph', () => {
  let database: Database;
  let graph: GraphDouble;
  let installer: GraphChatAppInstaller;
  const chatId = '19:meeting_install-me@thread.v2';
  let meetingId: string;
  const now = new Date('2026-11-01T09:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await loadDemoTrustIfEmpty(database.db, logger);
    graph = await startGraphDouble();
    graph.seedCatalogApp({ id: 'catalog-app-1', externalId: 'manifest-id', displayName: 'Trust Communities' });
    installer = new GraphChatAppInstaller({ credential: staticToken, baseUrl: graph.baseUrl, catalogAppId: 'catalog-app-1' });
    meetingId = String((await database.executeSql(`select id from meetings where title = 'Feedback from autumn community meetings'`)).rows[0]!.id);
    await database.executeSql(`update meetings set chat_thread_id = $1, published_at = $2 where id = $3`, [chatId, now, meetingId]);
  });
  afterAll(async () => {
    await graph.close();
    await database.close();
  });

  it('finds the published online meeting, installs with the RSC consent, and does not look for it again', async () => {
    expect(await meetingsNeedingChatInstall(database.db, now)).toEqual([meetingId]);
    await installIntoMeetingChat(database.db, installer, logger, meetingId, now);
    const [installation] = graph.chatInstallations(chatId);
    expect(installation?.teamsApp.id).toBe('catalog-app-1');
    expect(JSON.stringify(installation?.consentedPermissionSet)).toContain('OnlineMeeting.ReadBasic.Chat');
    expect(await meetingsNeedingChatInstall(database.db, now)).toEqual([]);
  });

  it('treats "already installed" (409) as done', async () => {
    expect(await installer.installInChat(chatId)).toEqual({ ok: true, alreadyInstalled: true });
  });

  it('records a final refusal without retrying, and throws on a throttled answer so the queue retries', async () => {
    const unknownApp = new GraphChatAppInstaller({ credential: staticToken, baseUrl: graph.baseUrl, catalogAppId: 'not-in-catalog' });
    await database.executeSql(`update meetings set chat_thread_id = '19:meeting_other@thread.v2' where title = 'Planning the spring INSET programme'`);
    await database.executeSql(`update meetings set published_at = $1 where title = 'Planning the spring INSET programme'`, [now]);
    const other = String((await database.executeSql(`select id from meetings where title = 'Planning the spring INSET programme'`)).rows[0]!.id);
    await installIntoMeetingChat(database.db, unknownApp, logger, other, now);
    const row = (await database.executeSql('select chat_install_failure from meeting_lifecycle where meeting_id = $1', [other])).rows[0];
    expect(String(row!.chat_install_failure)).toContain('404');
    expect(await meetingsNeedingChatInstall(database.db, now)).toEqual([]);

    graph.enqueueFaults({ kind: 'status', status: 429, retryAfterSeconds: 3 });
    expect(await installer.installInChat('19:meeting_third@thread.v2')).toMatchObject({ ok: false, final: false, status: 429, retryAfterMs: 3000 });
  });
});
