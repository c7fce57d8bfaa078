import { expect, test, type Page } from '@playwright/test';
import { routes } from './support/pwa.ts';
import { openAllCards, sidewaysScroll, smallTargets } from './support/layout.ts';

for (const viewport of [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
]) {
	test.describe(`${viewport.width}×${viewport.height}`, () => {
		test.use({ viewport });
		test('no page scrolls sideways and every control is big enough to tap', async ({ page }) => {
			for (const route of [
				...routes,
				{ path: '/read/encyclopedia', shows: (p: Page) => expect(p.locator('h1')).toBeVisible() }
			]) {
				await page.goto(route.path);
				await route.shows(page);
				await openAllCards(page);
				expect.soft(await sidewaysScroll(page), route.path).toBe(0);
				expect.soft(await smallTargets(page), route.path).toEqual([]);
			}
		});
	});
}

test('on a phone with a notch and a home bar, nothing sits under them', async ({ page, context }) => {
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
