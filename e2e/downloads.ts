import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';

/** Opens a panel's Export menu, clicks one of its buttons and returns the `count` files the page saves. */
export async function exportFiles(page: Page, menu: string, button: string, count = 1): Promise<Download[]> {
  const details = page.getByTestId(`export-menu-${menu}`);
  await details.scrollIntoViewIfNeeded();
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) =>
    page.on('download', (d) => {
      downloads.push(d);
      if (downloads.length === count) resolve();
    }),
  );
  await page.getByTestId(`export-${button}`).click();
  await done;
  page.removeAllListeners('download');
  return downloads;
}

/** A saved file's bytes. */
export const readDownload = async (d: Download): Promise<Buffer> => readFileSync(await d.path());
