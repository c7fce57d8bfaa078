// Grading a typed answer: forgiving of how it is written, strict about what it says.
import { foldText } from '../deck/search.ts';

/** Longer input is cut here before grading: no answer in the deck comes near it (answers are ≤ 200). */
export const MAX_TYPED_LENGTH = 200;

/** Letters that Unicode does not decompose into a base letter and a mark, so NFKD leaves them whole. */
const plainLetters: Record<string, string> = {
	ı: 'i',
	ø: 'o',
	ł: 'l',
	ß: 'ss',
	æ: 'ae',
	œ: 'oe',
	đ: 'd',
	ð: 'd',
	þ: 'th'
};

/** The words of an answer as compared: no case, diacritics, punctuation, apostrophes or leading article. */
export function answerWords(text: string): string[] {
	const words = foldText(text.slice(0, MAX_TYPED_LENGTH).replace(/['’‘ʼ`´]/g, ''))
		.replace(/[ıøłßæœđðþ]/g, (c) => plainLetters[c] ?? c)
		.split(' ')
		.filter(Boolean);
	return words.length > 1 && /^(?:the|a|an)$/.test(words[0]!) ? words.slice(1) : words;
}

/**
 * The form two answers are compared in: their words run together, so spacing does not matter either.
 * "The Türkmenbaşy port" and "turkmenbasy-port" both become "turkmenbasyport".
 */
export function normaliseAnswer(text: string): string {
	return answerWords(text).join('');
}

/** Typos forgiven in an answer of this many letters: none in a short word, where one letter changes it. */
export function typosAllowed(length: number): number {
	return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours),
 * by code point. Stops early and returns limit + 1 once the distance must exceed limit.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
	const s = Array.from(a);
	const t = Array.from(b);
	if (Math.abs(s.length - t.length) > limit) return limit + 1;
	let beforePrev: number[] = [];
	let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
	for (let i = 1; i <= s.length; i++) {
		const row = [i];
		let rowMin = i;
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
			if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
				d = Math.min(d, beforePrev[j - 2]! + 1);
			}
			row.push(d);
			rowMin = Math.min(rowMin, d);
		}
		if (rowMin > limit) return limit + 1;
		beforePrev = prev;
		prev = row;
	}
	return prev[t.length]!;
}

export type TypedVerdict = 'right' | 'nearly' | 'wrong';

export interface TypedGrade {
	verdict: TypedVerdict;
	/** The accepted spelling that matched, or came closest. */
	closest: string;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');
const lengthOf = (s: string) => Array.from(s).length;

/**
 * How many typos away the typed words are from an accepted answer, or null when too many to forgive.
 * Typos are counted word by word, so that each word is held to its own length: a typo may not turn
 * "nine" into "five", nor "northern" into "southern". When the words do not line up (a space typed or
 * missed) one typo is forgiven at most.
 */
function typosFrom(typed: string[], accepted: string[]): number | null {
	const typedKey = typed.join('');
	const key = accepted.join('');
	const allowed = typosAllowed(lengthOf(key));
	if (allowed === 0 || digitsOf(typedKey) !== digitsOf(key)) return null;
	if (typed.length !== accepted.length) {
		const d = editDistance(typedKey, key, 1);
		return d <= 1 ? d : null;
	}
	let total = 0;
	for (let i = 0; i < accepted.length; i++) {
		const wordAllowed = typosAllowed(lengthOf(accepted[i]!));
		const d = editDistance(typed[i]!, accepted[i]!, wordAllowed);
		if (d > wordAllowed) return null;
		total += d;
	}
	return total <= allowed ? total : null;
}

/**
 * Right when the answer matches an accepted spelling once normalised; nearly right when it is a small typo
 * away from one (and counts as right). Never nearly right when the numbers differ (1991 is not 1992), when a
 * short word differs, or when the answer is as close to one of the card's wrong choices.
 */
export function gradeTyped(
	input: string,
	accept: readonly string[],
	wrongChoices: readonly string[] = []
): TypedGrade {
	const fallback = accept[0] ?? '';
	const words = answerWords(input);
	const typed = words.join('');
	if (!typed) return { verdict: 'wrong', closest: fallback };

	const accepted = accept.map((text) => ({ text, words: answerWords(text) }));
	const exact = accepted.find((a) => a.words.join('') === typed);
	if (exact) return { verdict: 'right', closest: exact.text };

	const wrongKeys = wrongChoices.map(normaliseAnswer);
	if (wrongKeys.includes(typed)) return { verdict: 'wrong', closest: fallback };

	let best: { text: string; distance: number } | null = null;
	for (const a of accepted) {
		const distance = typosFrom(words, a.words);
		if (distance !== null && (!best || distance < best.distance)) best = { text: a.text, distance };
	}
	if (!best) return { verdict: 'wrong', closest: fallback };
	const limit = best.distance;
	if (wrongKeys.some((w) => editDistance(typed, w, limit) <= limit))
		return { verdict: 'wrong', closest: fallback };
	return { verdict: 'nearly', closest: best.text };
}

/** What is kept of a typed answer: trimmed, and no longer than the grader reads. */
export function cleanTyped(input: string): string {
	return input.slice(0, MAX_TYPED_LENGTH).trim();
}
