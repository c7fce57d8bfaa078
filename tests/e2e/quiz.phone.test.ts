import { expect, test, type Locator } from '@playwright/test';
import { answerByKeyboard, deck, scopes, seedWhereFirst } from './support/quiz.ts';
import { sidewaysScroll, smallTargets } from './support/layout.ts';

/** A target a thumb can hit on a 360 px phone: at least 44 px tall and wide as asked. */
async function expectLargeTarget(target: Locator, minWidth: number) {
	const box = (await target.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	expect(box.width).toBeGreaterThanOrEqual(minWidth);
}

const mixed = scopes[0]!;

test('on a phone the quiz list and the choices are large targets, and touch alone answers', async ({
	page
}) => {
	await page.goto('/quiz');
	const links = page.locator('.scopes .scope-link');
	await expect(links.first()).toBeVisible();
	for (const link of await page.locator('a.scope-link').all()) await expectLargeTarget(link, 0.75 * 360);

	const seed = seedWhereFirst(mixed, 5, (q) => q.form === 'choice');
	await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
	const prompt = (await page.locator('#question-prompt').textContent())!.trim();
	const card = deck.cards.find((c) => c.question === prompt)!;
	const choices = page.locator('.choices button');
	await expect(choices).toHaveCount(4);
	for (const choice of await choices.all()) await expectLargeTarget(choice, 0.75 * 360);

	await page.getByRole('button', { name: card.answer, exact: true }).tap();
	await expect(page.locator('.feedback .verdict')).toContainText('Right');
	const next = page.getByRole('button', { name: 'Next' });
	await expectLargeTarget(next, 0.75 * 360);
	await next.tap();
	await expect(page.getByText(/Question 2 of \d+/)).toBeVisible();
});

test('on a phone the true/false buttons are large targets', async ({ page }) => {
	const seed = seedWhereFirst(mixed, 5, (q) => q.form === 'truefalse');
	await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
	await expect(page.locator('#question-prompt')).toHaveText('True or false?');
	for (const name of ['True', 'False']) {
		await expectLargeTarget(page.getByRole('button', { name, exact: true }), 120);
	}
	await page.getByRole('button', { name: 'True', exact: true }).tap();
	await expect(page.locator('.feedback .verdict')).toContainText(/Right|Wrong/);
	await expectLargeTarget(page.getByRole('button', { name: 'Next' }), 0.75 * 360);
});

test('on a phone no quiz screen scrolls sideways and every control is big enough to tap', async ({
	page
}) => {
	const check = async (where: string) => {
		expect.soft(await sidewaysScroll(page), where).toBe(0);
		expect.soft(await smallTargets(page), where).toEqual([]);
	};
	for (const form of ['choice', 'truefalse', 'typed'] as const) {
		const seed = seedWhereFirst(mixed, 5, (q) => q.form === form);
		await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
		await expect(page.locator('#question-prompt')).toBeVisible();
		await check(`${form} question`);
		await answerByKeyboard(page, false);
		await check(`${form} feedback`);
		await page.goto('/quiz');
		await page.getByRole('button', { name: /Abandon/ }).click();
		await expect(page.getByRole('region', { name: 'Under way' })).toHaveCount(0);
	}
	await page.goto('/quiz/mixed?length=5&seed=3');
	for (let i = 0; i < Math.min(5, mixed.cards.length); i++) {
		await answerByKeyboard(page, i !== 1);
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
	await page.getByRole('button', { name: 'Add missed cards to review' }).tap();
	await expect(page.getByText('1 card is due in today’s review.')).toBeVisible();
	await check('results');
	await page.goto('/quiz');
	await expect(page.getByRole('region', { name: 'Finished quizzes' }).getByRole('listitem')).toHaveCount(1);
	await check('quiz list');
});
