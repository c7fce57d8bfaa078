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
 * Parts of a word that negate it, count, or set it against its opposite: "unimportant" is not "important",
 * "trilateral" not "bilateral", "intrastate" not "interstate", "postwar" not "prewar".
 * Longest first, so that "uni-" is read before "un-".
 */
const MEANING_PREFIXES = [
	'counter',
	'extra',
	'inter',
	'intra',
	'multi',
	'super',
	'under',
	'penta',
	'tetra',
	'over',
	'post',
	'anti',
	'mono',
	'poly',
	'quad',
	'semi',
	'pre',
	'sub',
	'dis',
	'mis',
	'non',
	'tri',
	'uni',
	'bi',
	'il',
	'im',
	'in',
	'ir',
	'un',
	'a'
];
const MEANING_SUFFIXES = ['less', 'ful'];
/** Compass points at the start of a word: north, southern, northeast, western. */
const COMPASS = /^(north|south)?(east|west)?/;
/** A prefix or suffix is read as one only when this much of the word is left. */
const MIN_STEM = 3;

/**
 * The ways a (normalised) word can be read as meaning marks around a stem: as it is (no marks), and with up to
 * two prefixes and one suffix taken off, or a compass point. "unimportant" reads as un- im- around "portant"
 * (and as uni- around "mportant"), "careless" as -less around "care", "northern" as north before "ern".
 */
export function meaningReadings(word: string): { marks: string; stem: string }[] {
	const readings: { marks: string[]; stem: string }[] = [{ marks: [], stem: word }];
	const compass = COMPASS.exec(word)![0];
	if (compass) readings.push({ marks: [compass], stem: word.slice(compass.length) });
	for (let depth = 0, from = 0; depth < 2; depth++) {
		const to = readings.length;
		for (const r of readings.slice(from, to)) {
			for (const p of MEANING_PREFIXES) {
				if (r.stem.startsWith(p) && r.stem.length - p.length >= MIN_STEM)
					readings.push({ marks: [...r.marks, `${p}-`], stem: r.stem.slice(p.length) });
			}
		}
		from = to;
	}
	for (const r of readings.slice()) {
		for (const x of MEANING_SUFFIXES) {
			if (r.stem.endsWith(x) && r.stem.length - x.length >= MIN_STEM)
				readings.push({ marks: [...r.marks, `-${x}`], stem: r.stem.slice(0, -x.length) });
		}
	}
	return readings.map((r) => ({ marks: r.marks.sort().join(' '), stem: r.stem }));
}

/**
 * True when the difference between two words is (partly) a part that negates or counts, added, removed or
 * swapped: some reading of each gives them different meaning marks, and stems closer than the words are.
 * "unimportant" and "important", "inactive" and "active", "unilateral" and "bilateral", "careless" and
 * "careful", "south" and "north" differ in meaning; "nothern" and "northern" (without "north", "nothern" is
 * no closer to "ern"), or "Eshgabat" and "Ashgabat", only in spelling.
 */
export function changesMeaning(typed: string, accepted: string): boolean {
	const distance = editDistance(typed, accepted);
	const a = meaningReadings(typed);
	const b = meaningReadings(accepted);
	return a.some((x) =>
		b.some((y) => x.marks !== y.marks && editDistance(x.stem, y.stem, distance - 1) < distance)
	);
}

/**
 * How many typos away the typed words are from an accepted answer, or null when too many to forgive.
 * Typos are counted word by word, so that each word is held to its own length: a typo may not turn
 * "nine" into "five", nor "northern" into "southern". When the words do not line up (a space typed or
 * missed) one typo is forgiven at most. A typo never adds, removes or swaps a part that negates or counts
 * (changesMeaning).
 */
function typosFrom(typed: string[], accepted: string[]): number | null {
	const typedKey = typed.join('');
	const key = accepted.join('');
	const allowed = typosAllowed(lengthOf(key));
	if (allowed === 0 || digitsOf(typedKey) !== digitsOf(key)) return null;
	if (typed.length !== accepted.length) {
		const d = editDistance(typedKey, key, 1);
		return d <= 1 && !changesMeaning(typedKey, key) ? d : null;
	}
	let total = 0;
	for (let i = 0; i < accepted.length; i++) {
		const wordAllowed = typosAllowed(lengthOf(accepted[i]!));
		const d = editDistance(typed[i]!, accepted[i]!, wordAllowed);
		if (d > wordAllowed || (d > 0 && changesMeaning(typed[i]!, accepted[i]!))) return null;
		total += d;
	}
	return total <= allowed ? total : null;
}

/**
 * Right when the answer matches an accepted spelling once normalised; nearly right when it is a small typo
 * away from one (and counts as right). Never nearly right when the numbers differ (1991 is not 1992), when a
 * short word differs, when the typo negates or counts differently ("unimportant" for "important"), when the
 * answer is as close to one of the card's wrong choices, or when it is a rejected spelling (`reject`, the
 * card's list of answers wrong however close) or a typo away from one.
 */
export function gradeTyped(
	input: string,
	accept: readonly string[],
	wrongChoices: readonly string[] = [],
	reject: readonly string[] = []
): TypedGrade {
	const fallback = accept[0] ?? '';
	const words = answerWords(input);
	const typed = words.join('');
	if (!typed) return { verdict: 'wrong', closest: fallback };

	const accepted = accept.map((text) => ({ text, words: answerWords(text) }));
	const exact = accepted.find((a) => a.words.join('') === typed);
	if (exact) return { verdict: 'right', closest: exact.text };

	const rejected = reject.map(answerWords);
	if (rejected.some((r) => r.join('') === typed)) return { verdict: 'wrong', closest: fallback };

	const wrongKeys = wrongChoices.map(normaliseAnswer);
	if (wrongKeys.includes(typed)) return { verdict: 'wrong', closest: fallback };

	let best: { text: string; distance: number } | null = null;
	for (const a of accepted) {
		const distance = typosFrom(words, a.words);
		if (distance !== null && (!best || distance < best.distance)) best = { text: a.text, distance };
	}
	if (!best) return { verdict: 'wrong', closest: fallback };
	const limit = best.distance;
	// A typo of a rejected spelling, as close to it as to any accepted one, is never nearly right.
	if (rejected.some((r) => (typosFrom(words, r) ?? Infinity) <= limit))
		return { verdict: 'wrong', closest: fallback };
	if (wrongKeys.some((w) => editDistance(typed, w, limit) <= limit))
		return { verdict: 'wrong', closest: fallback };
	return { verdict: 'nearly', closest: best.text };
}

/** What is kept of a typed answer: trimmed, and no longer than the grader reads. */
export function cleanTyped(input: string): string {
	return input.slice(0, MAX_TYPED_LENGTH).trim();
}
