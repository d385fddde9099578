/** Where a configurable tab is being added: a channel, a group chat or a meeting (chat, side panel, details). */
export type TabPlace = 'channel' | 'chat' | 'meeting';

/** What Teams saves for a tab instance: the page it opens and the id Teams keeps for it. */
export interface TabInstance {
  contentUrl: string;
  websiteUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

/** The parts of Teams' `pages.config` the configure page needs. */
export interface TabConfigHost {
  place: TabPlace;
  setValid(valid: boolean): void;
  /** Runs when the person presses Save; Teams shows the message of a rejection. */
  onSave(instance: () => TabInstance | Promise<TabInstance>): void;
}

/**
 * Teams' configuration frame, or null when the page is not open in one (a browser, or a
 * personal tab). teams-js is loaded only when the app shell has already initialised it.
 */
export async function getTabConfigHost(): Promise<TabConfigHost | null> {
  const { app, pages, FrameContexts } = await import('@microsoft/teams-js');
  if (!app.isInitialized()) return null;
  const context = await app.getContext();
  if (context.page.frameContext !== FrameContexts.settings || !pages.config.isSupported()) return null;
  const place: TabPlace = context.meeting?.id ? 'meeting' : context.channel?.id ? 'channel' : 'chat';
  return {
    place,
    setValid: (valid) => pages.config.setValidityState(valid),
    onSave: (instance) =>
      pages.config.registerOnSaveHandler((event) => {
        Promise.resolve()
          .then(instance)
          .then((config) => pages.config.setConfig(config))
          .then(
            () => event.notifySuccess(),
            (error: unknown) => event.notifyFailure(error instanceof Error ? error.message : 'The tab could not be saved. Try again.'),
          );
      }),
  };
}
