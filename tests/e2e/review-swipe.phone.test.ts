import { expect, test, type Page } from '@playwright/test';
import { storedReviewCount } from './support/history.ts';
import { answerShown, question } from './support/review.ts';

/** Drags the review card sideways by `dx` pixels with the pointer; `during` runs before letting go. */
async function drag(page: Page, dx: number, during?: () => Promise<void>) {
	const box = (await page.locator('.swipe').boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + Math.min(box.height / 2, 60);
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x + dx, y + 4, { steps: 12 });
	await during?.();
	await page.mouse.up();
}

async function showAnswer(page: Page) {
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await expect(answerShown(page)).toBeVisible();
}

test('a swipe rates the card: right is Good, left is Again, named as it crosses; a short one rates nothing', async ({
	page
}) => {
	test.setTimeout(90_000);
	await showAnswer(page);
	const first = await question(page).innerText();

	// Short of the threshold: the card goes back, nothing is saved.
	await drag(page, 40);
	await expect(answerShown(page)).toBeVisible();
	expect(await storedReviewCount(page)).toBe(0);

	await drag(page, 200, () => expect(page.locator('.swipe-hint')).toHaveText('Good'));
	await expect(question(page)).not.toHaveText(first);
	await expect.poll(() => storedReviewCount(page)).toBe(1);
	await expect(page.getByRole('status').filter({ hasText: /^Good: back in/ })).toHaveCount(1);

	await page.getByRole('button', { name: 'Show answer' }).click();
	await drag(page, -200, () => expect(page.locator('.swipe-hint')).toHaveText('Again'));
	await expect.poll(() => storedReviewCount(page)).toBe(2);
	await expect(page.getByRole('status').filter({ hasText: /^Again: back in/ })).toHaveCount(1);
});

test('with reduced motion, or turned off in Settings, a swipe does nothing; the buttons still rate', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await showAnswer(page);
	await drag(page, 200);
	await expect(answerShown(page)).toBeVisible();
	expect(await storedReviewCount(page)).toBe(0);
	await page.getByRole('button', { name: /^Good/ }).click();
	await expect.poll(() => storedReviewCount(page)).toBe(1);

	// Turned off in Settings: no swipe even with motion allowed.
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	await page.goto('/settings');
	await page.getByLabel(/Swipe the card to rate it/).uncheck();
	await showAnswer(page);
	await drag(page, 200);
	await expect(answerShown(page)).toBeVisible();
	expect(await storedReviewCount(page)).toBe(1);
});
