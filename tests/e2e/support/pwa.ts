import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { startStaticServer, type StaticServer } from './static-server.ts';

/** Wait until the service worker has installed this version and controls the page. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const container = navigator.serviceWorker;
		await container.ready;
		if (!container.controller) {
			await new Promise((done) => container.addEventListener('controllerchange', done, { once: true }));
		}
	});
	expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
}

const quote = 'Kazakhstan has an embassy in Ashgabat.';

/** The addresses every test visits (deep links with a query and a hash included), and what each shows. */
export const routes: { path: string; shows: (page: Page) => Promise<void> }[] = [
	{
		path: '/',
		shows: (page) =>
			expect(page.getByRole('heading', { level: 1 })).toHaveText('Kazakhstan–Turkmenistan relations')
	},
	{
		path: '/review',
		shows: async (page) => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Review');
			await expect(page.locator('#review-question')).toBeVisible();
		}
	},
	{
		path: '/quiz',
		shows: async (page) => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quiz');
			await expect(page.locator('li[data-scope="diplomacy"] a')).toBeVisible();
		}
	},
	{
		path: '/quiz/diplomacy?length=5',
		shows: async (page) => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Quiz: /);
			await expect(page.getByText('Question 1 of 5')).toBeVisible();
		}
	},
	{
		path: '/read',
		shows: (page) => expect(page.getByRole('heading', { level: 1 })).toHaveText('Read the documents')
	},
	{
		path: '/read/magazine-2022#visit-milestone',
		shows: async (page) => {
			await expect(page.locator('section#visit-milestone')).toContainText('first state visit');
			await expect(page.locator('section#visit-milestone')).toBeInViewport();
		}
	},
	{
		path: `/read/encyclopedia?quote=${encodeURIComponent(quote)}#overview`,
		shows: (page) => expect(page.locator('section#overview mark')).toHaveText(quote)
	},
	{
		path: '/cards?topic=diplomacy',
		shows: async (page) => {
			await expect(page.getByRole('combobox', { name: 'Topic' })).toHaveValue('diplomacy');
			await expect(page.locator('.card-list > li').first()).toBeVisible();
		}
	},
	{
		path: '/stats',
		shows: async (page) => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Statistics');
			await expect(page.locator('[data-ready]')).toBeVisible();
		}
	},
	{
		path: '/settings',
		shows: async (page) => {
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
			await expect(page.getByRole('button', { name: 'Save settings' })).toBeVisible();
			await expect(page.locator('.storage-status strong').first()).toBeVisible();
		}
	}
];

/**
 * The suite's build served by a server of the file's own (not the suite's `vite preview`), so that a test can
 * stop it; on the port `offset` beyond the suite's, so that files running at once never share one.
 */
export function ownBuildServer(offset: number): () => StaticServer {
	let server: StaticServer | undefined;
	test.beforeAll(async () => {
		server = await startStaticServer(resolve('build'), Number(process.env.E2E_PORT ?? 4174) + offset);
	});
	test.afterAll(async () => {
		await server?.close();
	});
	return () => {
		if (!server) throw new Error('the build server has not started');
		return server;
	};
}
