import type { Page } from '@playwright/test';
import type { RunningApp } from './app-process';

/**
 * Calls the app's API as the signed-in page does (its key and tab id), for setup an admin
 * would do elsewhere and for checks the page does not show.
 */
export async function callApi<T>(page: Page, app: RunningApp, channel: string, input: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ([origin, key, name, body]) => {
      const response = await fetch(`${origin}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, 'X-Client-Id': sessionStorage.getItem('md.clientId')! },
        body: JSON.stringify(body),
      });
      return response.json() as Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
    },
    [app.origin, app.key, channel, input] as const,
  );
  if (!answer.ok) throw new Error(`${channel}: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}
