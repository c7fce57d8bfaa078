import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { answersAt, storeLog, storedStates } from './support/history.ts';
import { counts, question } from './support/review.ts';

const DAY = 86_400_000;

test('answers dated 400 days ahead are noticed, and treated as answered now bring their cards back', async ({
	page
}) => {
	// Three loads of the review screen and a rebuild of the queue.
	test.slow();
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
	const start = await counts(page);
	expect(start.learning).toBe(0);

	// Three cards answered Again while this device's clock ran 400 days ahead.
	const now = await page.evaluate(() => Date.now());
	await storeLog(page, answersAt(now + 400 * DAY, 3, 1));
	await page.reload();
	await expect(question(page)).toBeVisible();
	// Out of the queue until then: not in learning today.
	expect((await counts(page)).learning).toBe(0);

	const notice = page.getByRole('region', { name: 'Answers dated in the future' });
	await expect(notice).toContainText('3 answers to 3 cards are dated later than now');
	expect((await new AxeBuilder({ page }).include('.future').analyze()).violations).toEqual([]);

	await notice.getByRole('button', { name: 'Treat them as answered now' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'now dated today' })).toHaveText(
		'3 answers are now dated today; their cards are scheduled from now.'
	);
	await expect(notice).toHaveCount(0);
	// Back in the queue as cards answered Again a moment ago: in learning, due within minutes.
	await expect.poll(() => counts(page)).toEqual({ ...start, fresh: start.fresh - 3, learning: 3 });
	const later = Date.now() + 400 * DAY;
	for (const state of await storedStates(page)) expect(state.due).toBeLessThan(later - 300 * DAY);

	// Kept over a reload, and the notice does not come back.
	await page.reload();
	await expect(question(page)).toBeVisible();
	expect((await counts(page)).learning).toBe(3);
	await expect(notice).toHaveCount(0);
});
