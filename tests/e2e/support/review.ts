// Reading the review screens as a user would: the counters, today's numbers, the card shown.
import { expect, type Page } from '@playwright/test';

export interface Counts {
	fresh: number;
	learning: number;
	review: number;
}

/** The review screen's counters of cards left today. */
export async function counts(page: Page): Promise<Counts> {
	const text = await page.getByRole('list', { name: 'Cards left today' }).innerText();
	const m = /New\s+(\d+)\s+Learning\s+(\d+)\s+Review\s+(\d+)/.exec(text);
	if (!m) throw new Error(`no counts in "${text}"`);
	return { fresh: Number(m[1]), learning: Number(m[2]), review: Number(m[3]) };
}

/** The home page's numbers for today. */
export async function todayNumbers(page: Page): Promise<Counts & { answered: number }> {
	const list = page.getByRole('definition').first();
	await expect(list).toBeVisible();
	const read = async (term: string) =>
		Number(
			await page
				.locator('.numbers div', { has: page.getByRole('term').filter({ hasText: term }) })
				.getByRole('definition')
				.innerText()
		);
	return {
		review: await read('Reviews due'),
		fresh: await read('New'),
		learning: await read('Learning'),
		answered: await read('Answered today')
	};
}

export function question(page: Page) {
	return page.locator('#review-question');
}

export function answerShown(page: Page) {
	return page.locator('#review-answer');
}

/** Shows the answer and rates the card by keyboard; waits until the answer is saved and the card moved on. */
export async function answerByKeys(
	page: Page,
	rating: '1' | '2' | '3' | '4',
	show: 'Space' | 'Enter' = 'Space'
) {
	await expect(question(page)).toBeVisible();
	await expect(answerShown(page)).toHaveCount(0);
	await page.keyboard.press(show);
	await expect(answerShown(page)).toBeVisible();
	await page.keyboard.press(rating);
	await expect(answerShown(page)).toHaveCount(0);
}
