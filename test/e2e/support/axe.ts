/** Runs axe-core (injected from node_modules, no network) in the page and returns its violations, summarised. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = path.resolve(__dirname, '../../../node_modules/axe-core/axe.min.js');
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending node: its CSS selector and axe's account of what is wrong. */
  nodes: Array<{ target: string; failure: string }>;
}

interface AxeWindow {
  axe?: {
    run(
      context: { include: string[][] },
      options: { resultTypes: string[] },
    ): Promise<{
      violations: Array<{
        id: string;
        impact?: string | null;
        help: string;
        nodes: Array<{ target: unknown[]; failureSummary?: string }>;
      }>;
    }>;
  };
}

/** Violations inside the elements matched by `selectors` (each a CSS selector). */
export async function axeViolations(page: Page, selectors: readonly string[]): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the server's CSP (script-src 'self') would
  // block the tag, and the page under test keeps that CSP.
  axeSource ??= readFileSync(AXE_SCRIPT, 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    async (include) => {
      const axe = (window as unknown as AxeWindow).axe;
      if (!axe) throw new Error('axe-core did not load');
      const result = await axe.run({ include: include.map((selector) => [selector]) }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), failure: n.failureSummary ?? '' })),
      }));
    },
    [...selectors],
  );
}
