import { expect, test, type Page } from '@playwright/test';
import { storedReviewCount } from './support/history.ts';
import { question } from './support/review.ts';

async function openReview(page: Page) {
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
}

/** Space and a rating, 20 times, each key sent as soon as the page took the one before. */
async function twentyFastRatings(page: Page) {
	for (let i = 0; i < 20; i++) {
		await page.keyboard.press('Space');
		// Again and Hard keep the cards in learning, so the deck never runs out.
		await page.keyboard.press(i % 3 ? '1' : '2');
	}
}

async function expectAllSaved(page: Page, count: number) {
	await expect.poll(() => storedReviewCount(page)).toBe(count);
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('kz-tm-study:pending-answers')))
		.toBeNull();
	await expect(page.getByRole('alert')).toHaveCount(0);
}

test('20 ratings pressed as fast as keys can all land in the review log', async ({ page }) => {
	// Forty key presses and their saves: longer than one screen's test.
	test.slow();
	await openReview(page);
	await twentyFastRatings(page);
	await expectAllSaved(page, 20);

	// What the screen counted is what was stored.
	await page.goto('/');
	await expect(
		page.locator('.numbers div', { hasText: 'Answered today' }).getByRole('definition')
	).toHaveText('20');
});

test('20 fast ratings all land with a second tab open on the review', async ({ context }) => {
	test.slow();
	const other = await context.newPage();
	const page = await context.newPage();
	await openReview(other);
	await openReview(page);
	await twentyFastRatings(page);
	await expectAllSaved(page, 20);
	// The other tab followed along and holds no note of its own.
	await expect(other.getByRole('alert')).toHaveCount(0);
	await other.reload();
	await expect(question(other)).toBeVisible();
	expect(await storedReviewCount(other)).toBe(20);
});
