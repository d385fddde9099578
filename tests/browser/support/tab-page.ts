import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Serious or critical axe findings, each with the elements it names. Fluent's TabList focus
 * guards are excluded (by design upstream: fluentui#27517).
 */
export async function seriousAccessibilityFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Chooses who the local-mode tab is viewing as, through its person picker. */
export async function viewAs(page: Page, search: string, name: RegExp): Promise<void> {
  const picker = page.getByRole('combobox', { name: /Viewing as/i });
  await picker.waitFor({ timeout: 20_000 });
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name }).click();
}

/** Opens a page of the local-mode tab as the chosen person and waits for its main heading. */
export async function openAs(page: Page, url: string, search: string, name: RegExp, heading: string): Promise<void> {
  await page.goto(url);
  await viewAs(page, search, name);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
}

/** Opens a tab address afresh, as Teams does when someone opens the tab. */
export async function openAfresh(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.reload();
}
