import { expect, test } from '@playwright/test';
import { ownBuildServer, routes, waitForServiceWorker } from './support/pwa.ts';

const ownServer = ownBuildServer(11);

test('after one visit, every screen and deep link loads with no network and no server', async ({
	browser
}) => {
	// Every screen and deep link, loaded one after another: longer than one screen's test.
	test.slow();
	const server = ownServer();
	const context = await browser.newContext({ baseURL: server.url });
	const page = await context.newPage();
	await page.goto('/');
	await waitForServiceWorker(page);

	// Cut everything: the browser is offline, the server is gone, and any request that still
	// tries the network fails.
	await context.setOffline(true);
	await server.close();
	const escaped: string[] = [];
	await context.route('**/*', (route) => {
		escaped.push(route.request().url());
		return route.abort('internetdisconnected');
	});

	for (const route of routes) {
		await page.goto(route.path);
		await route.shows(page);
		await page.reload();
		await route.shows(page);
	}

	// An address the app does not have still gets the app, which says so.
	await page.goto('/read/no-such-document');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await page.goto('/no/such/place?x=1#y');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();

	// A card is reviewed offline, and the answer is kept over a reload.
	await page.goto('/review');
	const first = await page.locator('#review-question').innerText();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect(page.locator('#review-question')).not.toHaveText(first);
	await page.goto('/');
	await expect(
		page.locator('.numbers div', { hasText: 'Answered today' }).getByRole('definition')
	).toHaveText('1');

	// A link followed inside the app, offline.
	await page.goto('/');
	await page.getByRole('link', { name: 'Browse the cards' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cards');

	expect(escaped).toEqual([]);
	await context.close();
});
