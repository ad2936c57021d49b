import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeResult {
  violations: Array<{ id: string; nodes: unknown[] }>;
}

/** WCAG 2.1 A/AA violations axe-core finds on the page (contrast included), as "rule (count)". */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated by the test harness: the page's own CSP admits no inline script.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(options: object): Promise<AxeResult> } };
    const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}
