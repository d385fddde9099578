import { playgroundBrowserForTests } from './support/playground-browser';

describe('the bot in the Microsoft 365 Agents Playground', () => {
  const session = playgroundBrowserForTests({ width: 1280, height: 900 });

  it('welcomes the person when the Playground installs the app', async () => {
    const { page } = session();
    await page.getByText('Welcome to Trust Communities').first().waitFor({ timeout: 20_000 });
    expect(await page.getByText('Welcome to Trust Communities').count()).toBe(1);
  });

  it('answers "help" typed in the chat box with the list of commands', async () => {
    const { page } = session();
    const box = page.locator('[role=textbox][contenteditable=true]').first();
    await box.click();
    await box.type('help');
    await page.keyboard.press('Enter');
    // Exact match: the welcome card above already says "see what I can do".
    await page.getByText('What I can do', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByText('Lists your communities, your role in each and when each next meets.').first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('Shows this list.').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'docs/screenshots/playground-help.png' });
  });

  it('replaces the card with the person\'s communities when "My communities" is pressed', async () => {
    const { page } = session();
    await page.getByRole('button', { name: 'My communities' }).last().click();
    await page.getByText('Your communities').first().waitFor({ timeout: 15_000 });
    expect(await page.getByText('Community lead').count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'docs/screenshots/playground-my-communities.png' });
  });
});
