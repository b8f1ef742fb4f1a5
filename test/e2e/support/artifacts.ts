/** Screenshots of each journey for people reading a CI run: test-artifacts/e2e/ (git-ignored). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const ARTIFACT_DIR = path.resolve(__dirname, '../../../test-artifacts/e2e');

export async function screenshot(subject: Page | Locator, name: string): Promise<void> {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  await subject.screenshot({ path: path.join(ARTIFACT_DIR, `${name}.png`), animations: 'disabled' });
}
