import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';

test('Add a daily reminder saves a calendar file with a daily event at the time chosen, opening the review', async ({
	page,
	baseURL
}) => {
	test.setTimeout(60_000);
	await page.goto('/settings');
	await page.getByLabel('Time', { exact: true }).fill('07:45');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Add a daily reminder' }).click()
	]);
	expect(download.suggestedFilename()).toBe('daily-review-reminder.ics');
	const file = await readFile((await download.path())!, 'utf8');
	const event = new ICAL.Component(ICAL.parse(file)).getFirstSubcomponent('vevent')!;
	expect((event.getFirstPropertyValue('rrule') as ICAL.Recur).freq).toBe('DAILY');
	expect(event.getFirstPropertyValue('url')).toBe(`${baseURL}/review`);
	const start = (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate();
	expect([start.getHours(), start.getMinutes()]).toEqual([7, 45]);
	await expect(page.getByRole('status').filter({ hasText: 'Calendar file saved' })).toBeVisible();
});

test("the app's icon badge shows today's cards left, where the Badging API exists", async ({ page }) => {
	test.setTimeout(60_000);
	// The browser's own setAppBadge, watched: what the app asks it to show.
	await page.addInitScript(() => {
		const shown: number[] = [];
		(window as unknown as { badges: number[] }).badges = shown;
		const own = navigator.setAppBadge?.bind(navigator);
		navigator.setAppBadge = (n?: number) => {
			shown.push(n ?? 0);
			return own ? own(n).catch(() => {}) : Promise.resolve();
		};
	});
	await page.goto('/');
	const review = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Review, / });
	await expect(review).toHaveAccessibleName(/^Review, \d+ cards left today$/);
	const count = Number(/(\d+)/.exec((await review.getAttribute('aria-label'))!)![1]);
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { badges: number[] }).badges.at(-1)))
		.toBe(count);
});
