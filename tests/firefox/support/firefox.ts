// Firefox for the end-to-end tests: Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi
// (Playwright's own Firefox build cannot be downloaded on these machines), against the built app (`build/`)
// served by the suite's static server on a free port.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStaticServer, type StaticServer } from '../../e2e/support/static-server.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Starts headless Firefox; without one, fails and says how to get it. */
export async function launchFirefox(): Promise<Browser> {
	if (!existsSync(FIREFOX_PATH)) {
		throw new Error(
			`No Firefox at ${FIREFOX_PATH}. Install it with "apt-get install -y firefox-esr" ` +
				'(or set FIREFOX_PATH to a Firefox binary), then run the tests again.'
		);
	}
	return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true });
}

/** Serves the built app; fails when there is none. */
export async function serveBuild(): Promise<StaticServer> {
	const root = resolve('build');
	if (!existsSync(resolve(root, 'index.html'))) {
		throw new Error('No built app in build/: run "npm run build" first.');
	}
	return startStaticServer(root, 0);
}

/** Waits for the page to satisfy `check` (run in the page), or fails saying what was awaited. */
export async function waitFor(
	page: Page,
	what: string,
	check: (arg: string) => unknown,
	arg = ''
): Promise<void> {
	try {
		await page.waitForFunction(check, { timeout: 20_000, polling: 100 }, arg);
	} catch (error) {
		const shown = await page.evaluate(() => document.body.innerText).catch(() => '(no page)');
		throw new Error(`Firefox: waited in vain for ${what}. The page shows:\n${shown.slice(-1500)}`, {
			cause: error
		});
	}
}

/** The text of the first element matching `selector`, or null. */
export function textOf(page: Page, selector: string): Promise<string | null> {
	return page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? null, selector);
}

/** Clicks the button whose text starts with `name`. */
export async function clickButton(page: Page, name: string): Promise<void> {
	const button = await page.waitForSelector(
		`::-p-xpath(//button[starts-with(normalize-space(.), "${name}")])`,
		{
			timeout: 20_000
		}
	);
	await button!.click();
}

/** How many reviews this browser's database holds (the test's own read of IndexedDB). */
export function storedReviewCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((done, fail) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction('reviews').objectStore('reviews').count();
					count.onsuccess = () => {
						open.result.close();
						done(count.result);
					};
				};
			})
	);
}

/** The review screen's counters: new, learning, review. */
export async function reviewCounts(page: Page): Promise<number[]> {
	const text = await page.evaluate(
		() => (document.querySelector('[aria-label="Cards left today"]') as HTMLElement | null)?.innerText ?? ''
	);
	const m = /New\s+(\d+)\s+Learning\s+(\d+)\s+Review\s+(\d+)/.exec(text);
	if (!m) throw new Error(`no counts in "${text}"`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}
