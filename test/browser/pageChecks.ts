import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../helpers/consoleClient.js';
import { accessibilityViolations } from './axe.js';

/**
 * A check for each page a browser test reaches: axe finds nothing, then the page is photographed
 * at phone and desktop width into `dir`, for a person to look at.
 */
export function pageChecker(dir: string): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    expect(await accessibilityViolations(page), name).toEqual([]);
    for (const [width, height, label] of [
      [390, 844, 'phone'],
      [1280, 900, 'desktop'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
    }
  };
}

/** Opens an invitation link, chooses the password and lands signed in on Home. */
export async function acceptInvitation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('The same password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Make my account and sign in' }).click();
  await page.waitForURL(/\/console\?lang=en$/);
}
