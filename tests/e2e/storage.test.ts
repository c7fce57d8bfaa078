// Broken storage speaks plainly: with IndexedDB missing or never answering, every screen shows the app's own
// message with what to do, instead of its loading text or a library's words, and no promise goes unhandled.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { OPEN_TIMEOUT_MS } from '../../src/lib/errors.ts';

/** Records unhandled rejections and errors, from before the app's first script. */
async function watchErrors(page: Page): Promise<string[]> {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	await page.exposeFunction('__noteRejection', (text: string) => errors.push(`unhandledrejection: ${text}`));
	await page.addInitScript(() => {
		addEventListener('unhandledrejection', (event) => {
			const reason = (event as PromiseRejectionEvent).reason as { message?: string } | undefined;
			void (window as unknown as { __noteRejection(text: string): void }).__noteRejection(
				String(reason?.message ?? reason)
			);
		});
	});
	return errors;
}

const breakages = {
	/** No IndexedDB at all (as some private windows and locked-down browsers). */
	missing: () => {
		delete (window as { indexedDB?: IDBFactory }).indexedDB;
	},
	/**
	 * IndexedDB there, but opening a database never answers (a blocked or hung storage). The page notes that the
	 * open was asked for: the app starts its wait for the answer before it asks.
	 */
	hanging: () => {
		IDBFactory.prototype.open = function () {
			(window as { openAsked?: boolean }).openAsked = true;
			return new EventTarget() as IDBOpenDBRequest;
		};
	}
} as const;

const titles = {
	missing: 'This browser gives the app no storage',
	hanging: 'This browser’s storage does not answer'
};

const screens = ['/', '/review', '/quiz', '/cards?state=new', '/stats', '/settings'];

for (const [kind, breakage] of Object.entries(breakages) as [keyof typeof breakages, () => void][]) {
	test(`with IndexedDB ${kind}, every screen shows the app's own message and what to do`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		const errors = await watchErrors(page);
		await page.addInitScript(breakage);
		// The app's wait for a storage that does not answer runs on the page's clock, which the test moves on
		// once the open has been asked for, rather than waiting the seconds out on each screen.
		if (kind === 'hanging') await page.clock.install();
		const outwait = async () => {
			if (kind !== 'hanging') return;
			await expect.poll(() => page.evaluate(() => (window as { openAsked?: boolean }).openAsked)).toBe(true);
			await page.clock.runFor(OPEN_TIMEOUT_MS);
		};
		for (const screen of screens) {
			await page.goto(screen);
			await outwait();
			const alert = page.getByRole('alert').filter({ hasText: titles[kind] });
			await expect(alert, screen).toBeVisible({ timeout: 10_000 });
			await expect(alert).toContainText(/reload/i);
			await expect(alert.getByRole('button', { name: 'Reload the page' })).toBeVisible();
			const main = page.locator('main');
			// In place of the screen: no loading text, no library's words, no link to another site.
			await expect(main).not.toContainText(/Loading|Reading your progress/);
			await expect(main).not.toContainText(/dexie|IndexedDB API missing|https?:\/\//i);
			for (const href of await main.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
				expect(href, screen).toMatch(/^\//);
		}
		// The message is accessible.
		const axe = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
		expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
		// The reader needs no storage: it is shown under the message.
		await page.goto('/read/encyclopedia');
		await outwait();
		await expect(page.getByRole('alert').filter({ hasText: titles[kind] })).toBeVisible({ timeout: 10_000 });
		await expect(page.locator('article.document')).toBeVisible();
		expect(errors).toEqual([]);
	});
}
