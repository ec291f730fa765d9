/**
 * GraphiQL as a newcomer meets it after `npm start`: Debian's Chromium (driven by
 * playwright-core, no browser download) opens the gateway's page, runs the example query with
 * the pre-filled demo token, and sees data.
 */
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/main.ts';
import { launchChromium } from '../helpers/browser.ts';

describe('GraphiQL', () => {
  it('runs the example query with the demo token and shows data', async () => {
    await using server = await startServer({ port: 0, host: '127.0.0.1', scale: 'small' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const offline: string[] = [];
      page.on('requestfailed', (request) => offline.push(request.url()));
      await page.goto(server.url);
      const run = page.locator('.graphiql-execute-button');
      await run.waitFor({ timeout: 30_000 });
      // Monaco renders spaces as no-break spaces and numbers its lines: compare words only.
      const textOf = async (selector: string) =>
        (await page.locator(selector).innerText()).replace(/\s+/g, ' ');
      // The editor shows the example query before anything runs.
      await expect
        .poll(() => textOf('.graphiql-query-editor'), { timeout: 30_000 })
        .toContain('query Dashboard');
      await run.click();
      await expect
        .poll(() => textOf('.graphiql-response'), { timeout: 30_000 })
        .toContain('"slug": "acme"');
      const text = await textOf('.graphiql-response');
      expect(text).toContain('"organizations"');
      expect(text).toContain('"shortId"');
      expect(text).not.toContain('"errors"');
      expect(offline.filter((url) => url.startsWith(new URL(server.url).origin))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
