import { expect, test } from '@playwright/test';
import { ownBuildServer, waitForServiceWorker } from './support/pwa.ts';
import { answerByKeyboard, scopes } from './support/quiz.ts';

const ownServer = ownBuildServer(13);

test('offline, a quiz starts, keeps its answers over a reload, and finishes', async ({ browser }) => {
	const server = ownServer();
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	await page.goto('/');
	await waitForServiceWorker(page);
	await context.setOffline(true);
	await server.close();
	await context.route('**/*', (route) => route.abort('internetdisconnected'));

	const total = Math.min(5, scopes[0]!.cards.length);
	await page.goto('/quiz/mixed?length=5&seed=2718');
	await answerByKeyboard(page, true);
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
	await page.reload();
	await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
	for (let i = 1; i < total; i++) {
		await answerByKeyboard(page, false);
		await page.keyboard.press('Enter');
	}
	await expect(page.locator('.results .score')).toContainText(`1 / ${total}`);
	await page.goto('/quiz');
	await expect(page.locator('li[data-scope="mixed"]')).toContainText(`Last 1 / ${total}`);
	await context.close();
});
