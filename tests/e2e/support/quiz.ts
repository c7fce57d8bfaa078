// What the quiz tests know of the deck: read from content/ by the compiler, like the build does,
// so the tests follow the deck as it grows rather than naming cards.
import { expect, type Page } from '@playwright/test';
import { loadDeck } from '../../../src/deck-compiler/load.ts';
import { buildQuestions, pickCards, type Question } from '../../../src/lib/quiz/questions.ts';
import { quizScopes, type QuizScope } from '../../../src/lib/quiz/scope.ts';
import type { Card } from '../../../src/lib/model.ts';

export const deck = loadDeck(process.cwd());
export const scopes = quizScopes(deck);

/** The topic with the most cards. */
export function biggestTopic(): QuizScope {
	const topics = scopes.filter((s) => s.kind === 'topic');
	return topics.reduce((a, b) => (b.cards.length > a.cards.length ? b : a));
}

/** The questions a quiz with this seed will ask (the app builds them the same way). */
export function plannedQuestions(scope: QuizScope, length: number, seed: number): Question[] {
	return buildQuestions(pickCards(scope.cards, length, seed), seed);
}

/** The first seed whose quiz opens with a question that passes the test. */
export function seedWhereFirst(scope: QuizScope, length: number, test: (q: Question) => boolean): number {
	for (let seed = 0; seed < 5000; seed++) {
		const first = plannedQuestions(scope, length, seed)[0];
		if (first && test(first)) return seed;
	}
	throw new Error(`no seed opens a quiz on ${scope.id} with such a question`);
}

function cardAsked(text: string, by: (c: Card) => boolean): Card {
	const card = deck.cards.find(by);
	if (!card) throw new Error(`no card asks "${text}"`);
	return card;
}

/**
 * Answers the question on screen with the keyboard alone, rightly or wrongly, and checks the verdict shown.
 * Works out the form and the card from what the page shows.
 */
export async function answerByKeyboard(page: Page, right: boolean): Promise<Question['form']> {
	const heading = page.locator('#question-prompt');
	await expect(heading).toBeVisible();
	const prompt = (await heading.textContent())!.trim();
	const typed = page.getByRole('textbox', { name: 'Your answer' });
	let form: Question['form'];
	if (prompt === 'True or false?') {
		form = 'truefalse';
		const statement = (await page.locator('.statement').textContent())!.trim();
		const card = cardAsked(
			statement,
			(c) => c.truefalse?.right === statement || c.truefalse?.wrong === statement
		);
		const isTrue = card.truefalse!.right === statement;
		await expect(heading).toBeFocused();
		await page.keyboard.press(isTrue === right ? 't' : 'f');
	} else if (await typed.isVisible()) {
		form = 'typed';
		const card = cardAsked(prompt, (c) => c.question === prompt);
		await expect(typed).toBeFocused();
		await page.keyboard.type(right ? card.answer : 'not the answer at all');
		await page.keyboard.press('Enter');
	} else {
		form = 'choice';
		const card = cardAsked(prompt, (c) => c.question === prompt);
		await expect(heading).toBeFocused();
		const names = (await page.locator('.choices button .text').allTextContents()).map((t) => t.trim());
		expect(names).toHaveLength(4);
		const index = right ? names.indexOf(card.answer) : names.findIndex((n) => n !== card.answer);
		expect(index).toBeGreaterThanOrEqual(0);
		await page.keyboard.press(String(index + 1));
	}
	await expect(page.locator('.feedback .verdict')).toContainText(right ? 'Right' : 'Wrong');
	await expect(page.getByRole('button', { name: 'Next' })).toBeFocused();
	return form;
}
