// `npm run deck:grade`: how the quiz grades a typed answer to a card, by the app's own code (quiz/questions.ts).
import { gradeAnswer } from '../lib/quiz/questions.ts';
import type { Card, Deck } from '../lib/model.ts';
import type { TypedVerdict } from '../lib/quiz/typed-answer.ts';

/** The quiz's verdict on `typed` as the answer to `card`: right, nearly (right but for a typo) or wrong. */
export function gradeCard(card: Card, typed: string): TypedVerdict {
	const graded = gradeAnswer({ form: 'typed', card }, { form: 'typed', text: typed });
	return graded.nearly ? 'nearly' : graded.correct ? 'right' : 'wrong';
}

export type GradeResult =
	{ ok: true; verdicts: TypedVerdict[]; notes: string[] } | { ok: false; errors: string[] };

/**
 * Grades answers to cards of the deck. Nothing is graded when any card id is unknown: the errors name them.
 * `notes` tell of cards a quiz never asks to type (no accepted typed answers): they grade every answer wrong.
 */
export function gradeAnswers(deck: Deck, answers: readonly { cardId: string; typed: string }[]): GradeResult {
	const byId = new Map(deck.cards.map((c) => [c.id, c]));
	const errors: string[] = [];
	answers.forEach(({ cardId }, i) => {
		if (!byId.has(cardId))
			errors.push(
				`${answers.length > 1 ? `line ${i + 1}: ` : ''}no card has the id "${cardId}" (npm run --silent deck:json lists the cards)`
			);
	});
	if (errors.length) return { ok: false, errors };
	const notes = new Set<string>();
	const verdicts = answers.map(({ cardId, typed }) => {
		const card = byId.get(cardId)!;
		if (!card.accept.length)
			notes.add(`card ${cardId} is never asked as a typed answer (it has no accept list)`);
		return gradeCard(card, typed);
	});
	return { ok: true, verdicts, notes: [...notes] };
}

/** Lines of `CARD_ID<TAB>typed answer`; blank lines are skipped. Lines without a tab are errors. */
export function parseGradeLines(
	text: string
): { ok: true; answers: { cardId: string; typed: string }[] } | { ok: false; errors: string[] } {
	const answers: { cardId: string; typed: string }[] = [];
	const errors: string[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim()) return;
		const tab = line.indexOf('\t');
		if (tab < 0) errors.push(`line ${i + 1}: expected CARD_ID<TAB>typed answer, got "${line}"`);
		else answers.push({ cardId: line.slice(0, tab).trim(), typed: line.slice(tab + 1) });
	});
	return errors.length ? { ok: false, errors } : { ok: true, answers };
}
