import { expect, test, type Page } from '@playwright/test';
import {
	answerByKeyboard,
	biggestTopic,
	deck,
	plannedQuestions,
	scopes,
	seedWhereFirst
} from './support/quiz.ts';
import { counts } from './support/review.ts';
import { axeViolations } from './support/axe.ts';

test('a topic quiz runs from start to Results by keyboard alone, with the right score', async ({ page }) => {
	const topic = biggestTopic();
	const total = Math.min(5, topic.cards.length);
	const seed = 20240611;
	await page.goto(`/quiz/${topic.id}?length=5&seed=${seed}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Quiz: ${topic.title}`);
	const forms: string[] = [];

	// Wrong at the second and fourth questions (those there are), right elsewhere.
	const wrong = new Set([1, 3].filter((i) => i < total));
	for (let i = 0; i < total; i++) {
		await expect(page.getByText(`Question ${i + 1} of ${total}`)).toBeVisible();
		forms.push(await answerByKeyboard(page, !wrong.has(i)));
		// After each answer: the expected answer and the supporting passage, then Next.
		await expect(page.locator('.feedback')).toContainText(/Answer|The statement is/);
		const passage = page
			.locator('.feedback')
			.getByRole('link', { name: /Read the passage/ })
			.first();
		await expect(passage).toHaveAttribute('href', /^\/read\/[a-z0-9-]+\?quote=.+#.+/);
		await page.keyboard.press('Enter');
	}

	await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
	// The seed fixed the questions and their forms, and the forms were mixed.
	const planned = plannedQuestions(topic, 5, seed);
	expect(forms).toEqual(planned.map((q) => q.form));
	expect(new Set(forms).size).toBeGreaterThan(1);
	await expect(page.locator('.results .answers .prompt').first()).toHaveText(
		planned[0]!.form === 'truefalse' ? `True or false: ${planned[0]!.statement}` : planned[0]!.card.question
	);
	await expect(page.locator('.results .score')).toContainText(`${total - wrong.size} / ${total}`);
	await expect(page.locator('.results .answers > li')).toHaveCount(total);
	await expect(page.locator('.results .answers > li.wrong')).toHaveCount(wrong.size);
	await expect(page.getByRole('button', { name: 'Retry mistakes' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add missed cards to review' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to the quiz list' })).toHaveAttribute('href', '/quiz');
});

test('the history of finished quizzes is there after a reload', async ({ page }) => {
	const topic = biggestTopic();
	const total = Math.min(5, topic.cards.length);
	await page.goto(`/quiz/${topic.id}?length=5&seed=7`);
	for (let i = 0; i < total; i++) {
		await answerByKeyboard(page, i !== 0);
		await page.keyboard.press('Enter');
	}
	const score = `${total - 1} / ${total}`;
	await expect(page.locator('.results .score')).toContainText(score);

	// The results stay on reload: the address names the finished quiz.
	await expect(page).toHaveURL(new RegExp(`/quiz/${topic.id}\\?quiz=`));
	await page.reload();
	await expect(page.locator('.results .score')).toContainText(score);

	await page.goto('/quiz');
	await page.reload();
	const row = page.locator(`li[data-scope="${topic.id}"]`);
	await expect(row).toContainText(`Best ${score} · Last ${score}`);
	await expect(row.getByRole('link')).toContainText(`${topic.cards.length} card`);
	const history = page.getByRole('region', { name: 'Finished quizzes' });
	await expect(history.getByRole('listitem')).toHaveCount(1);
	await expect(history).toContainText(topic.title);
	await expect(history).toContainText(score);
	// Every scope is offered, with its number of cards.
	for (const scope of scopes) {
		await expect(page.locator(`li[data-scope="${scope.id}"]`)).toContainText(
			scope.cards.length ? `${scope.cards.length} card` : 'no cards yet'
		);
	}
});

test('a quiz left half way resumes after a reload, and can be abandoned', async ({ page }) => {
	const mixed = scopes[0]!;
	expect(mixed.cards.length).toBeGreaterThan(1);
	await page.goto('/quiz/mixed?length=5&seed=99');
	const total = Math.min(5, mixed.cards.length);
	await answerByKeyboard(page, true);
	await page.keyboard.press('Enter');
	await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
	const second = await page.locator('#question-prompt').textContent();

	await page.reload();
	await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();
	await expect(page.locator('#question-prompt')).toHaveText(second!);
	await expect(page.getByText(/going on with the quiz you started/)).toBeVisible();

	await page.goto('/quiz');
	const underWay = page.getByRole('region', { name: 'Under way' });
	await expect(underWay).toContainText(`1 of ${total} answered`);
	await underWay.getByRole('link', { name: /Resume/ }).click();
	await expect(page.getByText(`Question 2 of ${total}`)).toBeVisible();

	await page.goto('/quiz');
	await page.getByRole('button', { name: /Abandon/ }).click();
	await expect(page.getByRole('region', { name: 'Under way' })).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Start a quiz' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Under way' })).toHaveCount(0);
});

test('a typed answer with a small typo is nearly right, and a wrong one is shown beside the answer', async ({
	page
}) => {
	const mixed = scopes[0]!;
	const long = (q: { form: string; card: { answer: string } }) =>
		q.form === 'typed' && /^[A-Za-z ]{9,}$/.test(q.card.answer);
	const seed = seedWhereFirst(mixed, 5, long);
	const card = plannedQuestions(mixed, 5, seed)[0]!.card;
	// Swap two letters in the middle: one typo.
	const a = card.answer;
	const m = Math.floor(a.length / 2);
	const typo = a.slice(0, m - 1) + a[m] + a[m - 1] + a.slice(m + 1);

	await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
	const box = page.getByRole('textbox', { name: 'Your answer' });
	await expect(box).toBeFocused();
	await box.fill(typo);
	await page.keyboard.press('Enter');
	const feedback = page.locator('.feedback');
	await expect(feedback.locator('.verdict')).toContainText('Nearly right');
	await expect(feedback).toContainText(`You typed: ${typo}`);
	await expect(feedback).toContainText(`Answer: ${a}`);
	await expect(page.locator('#quiz-announcement')).toContainText('Nearly right');

	// The same question again in a fresh quiz, answered wrongly.
	await page.getByRole('button', { name: 'Next' }).press('Enter');
	await page.goto('/quiz');
	await page.getByRole('button', { name: /Abandon/ }).click();
	await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
	await box.fill('Completely different');
	await page.getByRole('button', { name: 'Check' }).click();
	await expect(feedback.locator('.verdict')).toContainText('Wrong');
	await expect(feedback).toContainText('You typed: Completely different');
	await expect(feedback).toContainText(`Answer: ${a}`);
	await expect(page.locator('#quiz-announcement')).toHaveText(`Wrong. The answer is ${a}.`);
});

test('an unknown scope gives a clear not-found message', async ({ page }) => {
	await page.goto('/quiz/no-such-topic');
	await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('no-such-topic');
});

test('a bad length or seed is refused with a message, and nothing is started', async ({ page }) => {
	const topic = biggestTopic();
	await page.goto(`/quiz/${topic.id}?length=99`);
	await expect(page.getByRole('alert')).toContainText('5 to 30');
	await expect(page.locator('#question-prompt')).toHaveCount(0);
	await page.goto(`/quiz/${topic.id}?seed=banana`);
	await expect(page.getByRole('alert')).toContainText('seed');
	await page.goto(`/quiz/${topic.id}?quiz=not-a-stored-quiz`);
	await expect(page.getByRole('alert')).toContainText('not-a-stored-quiz');
	await page.goto('/quiz');
	await expect(page.getByRole('heading', { name: 'Start a quiz' })).toBeVisible();
	await expect(page.getByText('No quiz finished yet.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Under way' })).toHaveCount(0);
});

test('the quiz list starts a quiz of the chosen length from the Quiz link', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quiz' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quiz');
	await page.getByRole('combobox', { name: 'Questions' }).selectOption('5');
	await page.locator('li[data-scope="mixed"]').getByRole('link').click();
	await expect(page).toHaveURL(/\/quiz\/mixed\?quiz=/);
	const total = Math.min(5, deck.cards.length);
	await expect(page.getByText(`Question 1 of ${total}`)).toBeVisible();
});

/** Checks the page as it is, in the light colour scheme, and its colours in the dark one too. */
async function expectNoAxeViolations(page: Page, where: string) {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const violations = await axeViolations(page, { colours: colorScheme === 'dark' });
		expect(
			violations.map((v) => `${where}, ${colorScheme}: ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
		).toEqual([]);
	}
}

test('the quiz list passes an accessibility check', async ({ page }) => {
	await page.goto('/quiz');
	await expect(page.getByRole('heading', { name: 'Start a quiz' })).toBeVisible();
	await expectNoAxeViolations(page, 'quiz list');
});

for (const form of ['choice', 'truefalse', 'typed'] as const) {
	test(`a ${form} question and its feedback pass an accessibility check`, async ({ page }) => {
		const seed = seedWhereFirst(scopes[0]!, 5, (q) => q.form === form);
		await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
		await expect(page.locator('#question-prompt')).toBeVisible();
		await expectNoAxeViolations(page, `${form} question`);
		await answerByKeyboard(page, false);
		await expectNoAxeViolations(page, `${form} feedback`);
	});
}

test('the results pass an accessibility check', async ({ page }) => {
	await page.goto('/quiz/mixed?length=5&seed=5');
	for (let i = 0; i < Math.min(5, scopes[0]!.cards.length); i++) {
		await answerByKeyboard(page, i % 2 === 0);
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('heading', { name: 'Results' })).toBeFocused();
	await expectNoAxeViolations(page, 'results');
});

test('Add missed cards to review makes the missed cards due now, and says so', async ({ page }) => {
	const topic = biggestTopic();
	const total = Math.min(5, topic.cards.length);
	const seed = 31337;
	await page.goto('/review');
	await expect(page.locator('#review-question')).toBeVisible();
	const before = await counts(page);
	await page.goto(`/quiz/${topic.id}?length=5&seed=${seed}`);
	for (let i = 0; i < total; i++) {
		await answerByKeyboard(page, i >= 2);
		await page.keyboard.press('Enter');
	}
	const missed = plannedQuestions(topic, 5, seed)
		.slice(0, 2)
		.map((q) => q.card.id)
		.sort();
	await page.getByRole('button', { name: 'Add missed cards to review' }).click();
	await expect(page.getByText('2 cards are due in today’s review.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Add missed cards to review' })).toBeDisabled();

	// What the daily review reads: the cards' scheduling states, due now.
	const due = await page.evaluate(
		() =>
			new Promise<{ cardId: string; due: number }[]>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('cardStates').objectStore('cardStates').getAll();
					get.onsuccess = () => resolve(get.result);
					get.onerror = () => reject(get.error);
				};
			})
	);
	expect(due.map((s) => s.cardId).sort()).toEqual(missed);
	for (const state of due) expect(state.due).toBeLessThanOrEqual(Date.now());

	// And the daily review shows them: two cards more than before, the missed ones among those asked first.
	await page.goto('/review');
	await expect(page.locator('#review-question')).toBeVisible();
	const after = await counts(page);
	expect(after.fresh + after.learning + after.review).toBe(
		before.fresh + before.learning + before.review + 2
	);
	const shown = new Set<string>();
	for (let i = 0; i < before.fresh + 2 && shown.size < 2; i++) {
		const text = (await page.locator('#review-question').innerText()).trim();
		const id = deck.cards.find((c) => c.question === text)?.id;
		if (id && missed.includes(id)) shown.add(id);
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Easy/ }).click();
	}
	expect([...shown].sort()).toEqual(missed);
});
