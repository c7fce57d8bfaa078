import { expect, test, type Locator } from '@playwright/test';
import { answerShown, counts, question } from './support/review.ts';

async function box(locator: Locator) {
	const b = await locator.boundingBox();
	if (!b) throw new Error('not laid out');
	return b;
}

async function expectTappable(locator: Locator) {
	const b = await box(locator);
	expect(b.width).toBeGreaterThanOrEqual(44);
	expect(b.height).toBeGreaterThanOrEqual(44);
	expect(b.x).toBeGreaterThanOrEqual(0);
	expect(b.x + b.width).toBeLessThanOrEqual(360);
}

test('review by touch at 360 px: large targets, and nothing moves when the answer shows', async ({
	page
}) => {
	await page.goto('/review');
	const q = question(page);
	await expect(q).toBeVisible();
	const start = await counts(page);
	for (const name of ['Undo', 'Skip until tomorrow', 'Suspend', 'Show answer']) {
		await expectTappable(page.getByRole('button', { name }));
	}
	const questionBefore = await box(q);
	const show = await box(page.getByRole('button', { name: 'Show answer' }));
	// The answer bar is on screen without scrolling.
	expect(show.y + show.height).toBeLessThanOrEqual(640);

	await page.getByRole('button', { name: 'Show answer' }).tap();
	await expect(answerShown(page)).toBeVisible();
	expect(await box(q)).toEqual(questionBefore);
	for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
		const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
		await expectTappable(button);
		const b = await box(button);
		// The ratings take the place of Show answer: same row, same height.
		expect(b.y).toBeCloseTo(show.y, 0);
		expect(b.height).toBeCloseTo(show.height, 0);
	}
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	await page.getByRole('button', { name: /^Good/ }).tap();
	await expect(answerShown(page)).toHaveCount(0);
	expect(await counts(page)).not.toEqual(start);
});
