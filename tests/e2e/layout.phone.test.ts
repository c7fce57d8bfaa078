import { expect, test, type Page } from '@playwright/test';
import { routes } from './support/pwa.ts';
import {
	openAllCards,
	openAllTables,
	sidewaysScroll,
	smallTargets,
	squeezedCells
} from './support/layout.ts';
import { backupFile, history } from './support/history.ts';

// The layout follows the width through CSS alone (no script reads the screen's size), so a page shown at the
// narrowest width and then widened is laid out as it is on a phone of each width: each page loads once.
const widths = [
	{ width: 320, height: 640 },
	{ width: 360, height: 740 },
	{ width: 390, height: 844 }
];

test('at 320, 360 and 390 px no page scrolls sideways and every control is big enough to tap', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.setViewportSize(widths[0]!);
	// Some history, so that the stats tables have rows and the reader its recall prompts.
	const now = Date.now();
	await page.goto('/stats');
	await expect(page.getByRole('button', { name: 'Import progress' })).toBeEnabled();
	await page.getByLabel('Import progress').setInputFiles(backupFile(history(now), now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
	for (const route of [
		...routes,
		{ path: '/read/encyclopedia', shows: (p: Page) => expect(p.locator('h1')).toBeVisible() }
	]) {
		await page.setViewportSize(widths[0]!);
		await page.goto(route.path);
		await route.shows(page);
		await openAllCards(page);
		await openAllTables(page);
		for (const viewport of widths) {
			await page.setViewportSize(viewport);
			const where = `${route.path} at ${viewport.width} px`;
			expect.soft(await sidewaysScroll(page), where).toBe(0);
			expect.soft(await smallTargets(page), where).toEqual([]);
			expect.soft(await squeezedCells(page), where).toEqual([]);
		}
	}
	// The More menu, open.
	await page.getByRole('button', { name: 'More' }).click();
	await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
	for (const viewport of widths) {
		await page.setViewportSize(viewport);
		expect(await smallTargets(page), `the More menu at ${viewport.width} px`).toEqual([]);
	}
});

test('on a phone, the tab bar at the foot of the screen reaches every screen; the top bar is gone', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto('/');
	const tabs = page.getByRole('navigation', { name: 'Main' });
	await expect(tabs).toHaveCount(1);
	await expect(tabs).toBeInViewport();
	const box = (await tabs.boundingBox())!;
	expect(box.y + box.height).toBe(page.viewportSize()!.height);
	// Today's cards left, on the Review tab (a new learner: the day's new cards).
	await expect(tabs.getByRole('link', { name: /^Review, \d+ cards left today$/ })).toBeVisible();

	for (const [name, heading] of <[string, string][]>[
		['Review', 'Review'],
		['Quiz', 'Quiz'],
		['Read', 'Read the documents'],
		['Home', 'Kazakhstan–Turkmenistan relations']
	]) {
		await tabs.getByRole('link', { name: new RegExp(`^${name}`) }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expect(tabs.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveAttribute(
			'aria-current',
			'page'
		);
	}
	for (const [name, heading] of <[string, string][]>[
		['Cards', 'Cards'],
		['Stats', 'Statistics'],
		['Settings', 'Settings']
	]) {
		const more = tabs.getByRole('button', { name: /^More/ });
		await more.click();
		await expect(more).toHaveAttribute('aria-expanded', 'true');
		await tabs.getByRole('link', { name, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		// The menu closes on the way, and More says which of its screens is shown.
		await expect(more).toHaveAttribute('aria-expanded', 'false');
		await expect(more).toHaveAccessibleName(`More (now ${name})`);
	}
	// Escape closes the menu and gives the focus back.
	const more = tabs.getByRole('button', { name: /^More/ });
	await more.click();
	await page.keyboard.press('Escape');
	await expect(more).toHaveAttribute('aria-expanded', 'false');
	await expect(more).toBeFocused();

	// The review's answer bar sits above the tab bar, not under it.
	await page.goto('/review');
	await page.getByRole('button', { name: 'Show answer' }).click();
	const bar = (await page.getByRole('button', { name: /^Good/ }).boundingBox())!;
	expect(bar.y + bar.height).toBeLessThanOrEqual(box.y);

	// On a wide screen the top bar is back and the tab bar gone.
	await page.setViewportSize({ width: 1024, height: 768 });
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(1);
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })
	).toBeVisible();
	await expect(page.getByRole('button', { name: /^More/ })).toBeHidden();
});

test('on a phone with a notch and a home bar, nothing sits under them', async ({ page, context }) => {
	test.setTimeout(60_000);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Emulation.setSafeAreaInsetsOverride', {
		insets: { top: 47, bottom: 34, left: 0, right: 0 }
	});
	await page.goto('/cards');
	const padding = (selector: string, side: string) =>
		page
			.locator(selector)
			.evaluate((el, side) => getComputedStyle(el).getPropertyValue(`padding-${side}`), side);
	expect(await padding('body > div > header', 'top')).toBe('47px');
	expect(Number.parseFloat(await padding('main', 'bottom'))).toBeGreaterThanOrEqual(34);
	// The tab bar covers the home bar's strip, its tabs above it.
	expect(await padding('nav.tabbar', 'bottom')).toBe('34px');
	const tabs = (await page.locator('nav.tabbar ul').first().boundingBox())!;
	expect(tabs.y + tabs.height).toBeLessThanOrEqual(page.viewportSize()!.height - 34);

	// In landscape the notch is at a side.
	await cdp.send('Emulation.setSafeAreaInsetsOverride', {
		insets: { top: 0, bottom: 21, left: 47, right: 47 }
	});
	expect(Number.parseFloat(await padding('main', 'left'))).toBeGreaterThanOrEqual(47);
	expect(Number.parseFloat(await padding('main', 'right'))).toBeGreaterThanOrEqual(47);
	await expect.poll(() => sidewaysScroll(page)).toBe(0);
});

test('the colours follow the system: light, or dark', async ({ page }) => {
	const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	expect(await background()).toBe('rgb(247, 247, 244)');
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await background()).toBe('rgb(21, 25, 29)');
});

test('with reduced motion asked for, nothing animates or scrolls smoothly', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	for (const path of ['/', '/read/encyclopedia#overview', '/cards']) {
		await page.goto(path);
		await openAllCards(page);
		const moving = await page.evaluate(() => {
			const seconds = (value: string) =>
				Math.max(
					...value.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v)))
				);
			return [...document.querySelectorAll('*')].flatMap((el) => {
				const style = getComputedStyle(el);
				const still =
					seconds(style.transitionDuration) <= 0.00001 &&
					seconds(style.animationDuration) <= 0.00001 &&
					style.scrollBehavior !== 'smooth';
				return still ? [] : [el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')];
			});
		});
		expect(moving, path).toEqual([]);
	}
});
