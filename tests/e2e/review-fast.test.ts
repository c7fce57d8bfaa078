import { expect, test, type Page } from '@playwright/test';
import { storedReviewCount } from './support/history.ts';
import { question } from './support/review.ts';

/**
 * The tests' time of day: the learning steps of Again and Hard (1 to 6 minutes) taken shortly before the study
 * day's start (04:00) fall due in the next day, out of today's queue, and then the deck can run out of cards.
 */
const MID_MORNING = new Date(2026, 2, 10, 10, 0);

async function openReview(page: Page) {
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
}

/** Space and a rating, `times` times, each key sent as soon as the page took the one before. */
async function fastRatings(page: Page, times = 20) {
	for (let i = 0; i < times; i++) {
		await page.keyboard.press('Space');
		// Again and Hard keep the cards in learning, so the deck never runs out.
		await page.keyboard.press(i % 3 ? '1' : '2');
	}
}

async function expectAllSaved(page: Page, count: number) {
	// Patience for a loaded machine: the writes go on after the last key.
	await expect.poll(() => storedReviewCount(page), { timeout: 30_000 }).toBe(count);
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('kz-tm-study:pending-answers')))
		.toBeNull();
	await expect(page.getByRole('alert')).toHaveCount(0);
}

test('20 ratings pressed as fast as keys can all land in the review log', async ({ page }) => {
	// Forty key presses and their saves: longer than one screen's test.
	test.slow();
	await page.clock.install({ time: MID_MORNING });
	await openReview(page);
	await fastRatings(page);
	await expectAllSaved(page, 20);

	// What the screen counted is what was stored.
	await page.goto('/');
	await expect(
		page.locator('.numbers div', { hasText: 'Answered today' }).getByRole('definition')
	).toHaveText('20');
});

test('20 fast ratings all land with a second tab open on the review, even while it holds the database', async ({
	context
}) => {
	test.slow();
	await context.clock.install({ time: MID_MORNING });
	const other = await context.newPage();
	const page = await context.newPage();
	await openReview(other);
	await openReview(page);

	// The other tab keeps a write transaction on the review log open, so this tab's writes wait behind it,
	// as they do behind a slow disk or the other tab's own writes.
	await other.evaluate(
		() =>
			new Promise<void>((held, fail) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const store = open.result.transaction('reviews', 'readwrite').objectStore('reviews');
					let holding = true;
					(window as unknown as { release: () => void }).release = () => (holding = false);
					const spin = () => {
						if (holding) store.get('nothing').onsuccess = spin;
					};
					spin();
					held();
				};
			})
	);
	// Ten ratings given while none can be written: the first four are being written, then Show answer waits
	// and says so, and the keys pressed meanwhile wait behind it.
	await fastRatings(page, 10);
	await expect(page.getByRole('button', { name: /Saving your answers/ })).toBeVisible();
	await other.evaluate(() => (window as unknown as { release: () => void }).release());

	await fastRatings(page, 10);
	await expectAllSaved(page, 20);
	await expect(other.getByRole('alert')).toHaveCount(0);
	await other.reload();
	await expect(question(other)).toBeVisible();
	expect(await storedReviewCount(other)).toBe(20);
});
