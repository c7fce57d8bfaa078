import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/lib/srs/defaults.ts';
import { makeScheduler, rate } from '../../src/lib/srs/scheduler.ts';
import { axeViolations } from './support/axe.ts';
import { storedReviews, storedRows, storedStates } from './support/history.ts';
import { answerByKeys, counts, question } from './support/review.ts';

async function storedMeta(page: Page, key: string): Promise<unknown> {
	const rows = await storedRows<{ key: string; value?: unknown }>(page, 'meta');
	return rows.find((r) => r.key === key)?.value;
}

async function turnRecallOn(page: Page) {
	const recall = page.getByRole('switch', { name: 'Recall' });
	await expect(recall).toBeVisible();
	if ((await recall.getAttribute('aria-checked')) !== 'true') await recall.click();
	await expect(recall).toHaveAttribute('aria-checked', 'true');
	await expect(page.locator('.prompt').first()).toBeVisible();
}

test('a recall prompt answered in the reader is a review like any other: one row, the same schedule, Undo, gone from the daily review', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/read/encyclopedia');
	await turnRecallOn(page);

	const prompt = page.locator('.prompt').first();
	const cardId = (await prompt.getAttribute('data-card'))!;
	const asked = (await prompt.locator('.question').innerText()).trim();
	const section = page.locator('section.recall', { has: page.locator(`[data-card="${cardId}"]`) });
	// The knowledge map says the passage is not studied yet.
	const passageId = (await section.getAttribute('aria-label'))!.replace('Recall prompts for passage ', '');
	await expect(page.locator(`section#${passageId} .recall-label`)).toHaveText('Not studied yet');

	await prompt.getByRole('button', { name: 'Show answer' }).click();
	await expect(prompt.locator('.answer')).toBeFocused();
	await prompt.getByRole('button', { name: /^Easy, back in / }).click();

	// One row in the log; the card's due date is the one the scheduler gives the review screen for that answer.
	await expect.poll(async () => (await storedReviews(page)).length).toBe(1);
	const [review] = await storedReviews(page);
	expect(review!.cardId).toBe(cardId);
	expect(review!.rating).toBe(4);
	const expected = rate(
		makeScheduler(DEFAULT_SETTINGS),
		cardId,
		undefined,
		4,
		review!.reviewedAt,
		review!.id
	);
	const state = (await storedStates(page)).find((s) => s.cardId === cardId)!;
	expect(state.due).toBe(expected.state.due);
	expect(state.stability).toBe(expected.state.stability);

	// The prompt folds away; the knowledge map shows the passage studied.
	await expect(page.locator(`.prompt[data-card="${cardId}"]`)).toHaveCount(0);
	await expect(section.locator('summary')).toContainText('answered');
	await expect(page.locator(`section#${passageId} .recall-label`)).toContainText(/Recall \d+%/);

	// Undo takes the row back and asks the prompt again.
	await section.locator('summary').click();
	await section.getByRole('button', { name: `Undo: ${asked}` }).click();
	await expect.poll(async () => (await storedReviews(page)).length).toBe(0);
	await expect(page.locator(`.prompt[data-card="${cardId}"]`)).toBeVisible();
	await expect(page.locator(`section#${passageId} .recall-label`)).toHaveText('Not studied yet');

	// Answered again; the switch is remembered over a reload.
	await page.locator(`.prompt[data-card="${cardId}"]`).getByRole('button', { name: 'Show answer' }).click();
	await page.locator(`.prompt[data-card="${cardId}"]`).getByRole('button', { name: /^Easy/ }).click();
	await expect.poll(async () => (await storedReviews(page)).length).toBe(1);
	await page.reload();
	await expect(page.getByRole('switch', { name: 'Recall' })).toHaveAttribute('aria-checked', 'true');
	// Due in days: not asked again today.
	await expect(page.locator('.prompt').first()).toBeVisible();
	await expect(page.locator(`.prompt[data-card="${cardId}"]`)).toHaveCount(0);

	// The daily review: the new card met in the reader counts against the day's limit, and is not shown.
	await page.goto('/review');
	const { fresh } = await counts(page);
	expect(fresh).toBe(DEFAULT_SETTINGS.newPerDay - 1);
	const shown: string[] = [];
	for (let i = 0; i < fresh; i++) {
		shown.push((await question(page).innerText()).trim());
		await answerByKeys(page, '4');
	}
	await expect(page.locator('#done-heading')).toBeVisible();
	expect(shown).toHaveLength(fresh);
	expect(shown).not.toContain(asked);
	expect((await storedReviews(page)).filter((r) => r.cardId === cardId)).toHaveLength(1);
});

test('Continue reading on the home page returns to the passage where reading stopped', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Continue reading' })).toHaveCount(0);
	await page.goto('/read/encyclopedia');
	const passages = page.locator('section.passage');
	await expect(passages.first()).toBeVisible();
	const target = passages.nth(Math.floor((await passages.count()) / 2));
	const id = (await target.getAttribute('id'))!;
	await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	await expect
		.poll(() => storedMeta(page, 'reading:encyclopedia'))
		.toMatchObject({ document: 'encyclopedia', passage: id });

	await page.goto('/');
	await page.getByRole('link', { name: 'Continue reading' }).click();
	await expect(page).toHaveURL(new RegExp(`/read/encyclopedia#${id}$`));
	await expect(page.locator(`section#${id}`)).toBeInViewport();
});

test('Recall mode has no serious accessibility violation, in the light and the dark scheme', async ({
	page
}) => {
	// Two runs of axe over a whole document.
	test.setTimeout(150_000);
	await page.goto('/read/encyclopedia');
	await turnRecallOn(page);
	// A prompt with its answer and ratings shown, and one folded after its answer.
	const prompts = page.locator('.prompt');
	await prompts.nth(0).getByRole('button', { name: 'Show answer' }).click();
	await prompts.nth(0).getByRole('button', { name: /^Good/ }).click();
	await expect(page.locator('section.recall summary').first()).toBeVisible();
	await prompts.nth(0).getByRole('button', { name: 'Show answer' }).click();
	await expect(prompts.nth(0).getByRole('button', { name: /^Hard/ })).toBeVisible();
	// In full in the light scheme; the colours in the dark one.
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const serious = (await axeViolations(page, { colours: colorScheme === 'dark' }))
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(serious, colorScheme).toEqual([]);
	}
});
