import { describe, expect, it } from 'vitest';
import {
	changesMeaning,
	editDistance,
	gradeTyped,
	MAX_TYPED_LENGTH,
	meaningReadings,
	normaliseAnswer,
	typosAllowed
} from './typed-answer.ts';

const verdict = (input: string, accept: string[], wrong: string[] = []) =>
	gradeTyped(input, accept, wrong).verdict;

describe('normalising a typed answer', () => {
	it('ignores case, punctuation, spacing, apostrophes and a leading article', () => {
		expect(normaliseAnswer('  The  Caspian   Sea! ')).toBe(normaliseAnswer('caspian-sea'));
		expect(normaliseAnswer("Nazarbayev's")).toBe(normaliseAnswer('Nazarbayevs'));
		expect(normaliseAnswer('an apple')).toBe('apple');
		// An article alone is the answer, not something to drop.
		expect(normaliseAnswer('A')).toBe('a');
	});

	it('folds diacritics and letters Unicode will not decompose', () => {
		expect(normaliseAnswer('Türkmenbaşy')).toBe('turkmenbasy');
		expect(normaliseAnswer('Aşgabat')).toBe(normaliseAnswer('Asgabat'));
		expect(normaliseAnswer('Qazaqstan Respublıkası')).toBe('qazaqstanrespublikasi');
		expect(normaliseAnswer('Straße')).toBe('strasse');
		// Full-width and composed forms compare as plain letters.
		expect(normaliseAnswer('ＯＳＣＥ')).toBe('osce');
		expect(normaliseAnswer('Nursultan\u0301')).toBe('nursultan');
		expect(normaliseAnswer('e\u0301')).toBe(normaliseAnswer('\u00e9'));
	});

	it('keeps letters of other scripts', () => {
		expect(normaliseAnswer('Казахстан')).toBe('казахстан');
		expect(normaliseAnswer('Казахстан')).not.toBe('');
	});
});

describe('grading a typed answer', () => {
	const accept = ['Serdar Berdimuhamedov', 'Berdimuhamedow'];

	it('counts empty or blank answers as wrong', () => {
		expect(verdict('', accept)).toBe('wrong');
		expect(verdict('   \t ', accept)).toBe('wrong');
		expect(verdict('?!…', accept)).toBe('wrong');
	});

	it('accepts any accepted spelling, however it is written', () => {
		expect(gradeTyped('serdar berdimuhamedov', accept)).toEqual({
			verdict: 'right',
			closest: 'Serdar Berdimuhamedov'
		});
		expect(gradeTyped('BERDIMUHAMEDOW.', accept)).toEqual({ verdict: 'right', closest: 'Berdimuhamedow' });
		expect(verdict('Serdar  Berdi-muhamedov', accept)).toBe('right');
	});

	it('takes a small typo in a longer answer as nearly right', () => {
		expect(gradeTyped('Serdar Berdimuhamadov', accept)).toEqual({
			verdict: 'nearly',
			closest: 'Serdar Berdimuhamedov'
		});
		expect(verdict('Serdar Berdimuhmaedov', accept)).toBe('nearly'); // two letters swapped: one typo
		expect(verdict('Sedar Berdimuhamadov', accept)).toBe('nearly'); // two typos in 20 letters
		expect(verdict('Sedar Berdimuhamadow', ['Serdar Berdimuhamedov'])).toBe('wrong'); // three
	});

	it('forgives no typo in a short answer, one in 5–8 letters, two in longer ones', () => {
		expect(typosAllowed(4)).toBe(0);
		expect(typosAllowed(5)).toBe(1);
		expect(typosAllowed(8)).toBe(1);
		expect(typosAllowed(9)).toBe(2);
		expect(verdict('Bakj', ['Baku'])).toBe('wrong');
		expect(verdict('Ashgabad', ['Ashgabat'])).toBe('nearly');
		expect(verdict('Ashgebad', ['Ashgabat'])).toBe('wrong');
		expect(verdict('Turkmenbasi', ['Turkmenbashy'])).toBe('nearly');
	});

	it('holds each word to its own length, so a typo cannot turn one word into another', () => {
		expect(verdict('Five years', ['Nine years'])).toBe('wrong');
		expect(verdict('Southern Hemisphere', ['Northern Hemisphere'])).toBe('wrong');
		expect(verdict('Nothern Hemisphere', ['Northern Hemisphere'])).toBe('nearly');
		expect(verdict('Nothern Hemispere', ['In the Northern Hemisphere', 'Northern Hemisphere'])).toBe(
			'nearly'
		);
		// Words run together or split: one typo at most.
		expect(verdict('NorthernHemisphre', ['Northern Hemisphere'])).toBe('nearly');
		expect(verdict('SouthernHemisphere', ['Northern Hemisphere'])).toBe('wrong');
	});

	it('never forgives a different number', () => {
		expect(verdict('May 2012', ['May 2013'])).toBe('wrong');
		expect(verdict('1,000,001 tonnes', ['1,000,000 tonnes'])).toBe('wrong');
		expect(verdict('Mai 2013', ['May 2013'])).toBe('wrong'); // a short word must be exact
	});

	it("is wrong when the answer is one of the card's wrong choices, or as close to one", () => {
		expect(verdict('Tokayev', ['Tokaev'], ['Tokayev'])).toBe('wrong');
		expect(verdict('Berdimuhamedow', ['Berdimuhamedov'], ['Berdimuhamedow'])).toBe('wrong');
		expect(
			verdict('Gurbanguly Berdimuhamedov', ['Serdar Berdimuhamedov'], ['Gurbanguly Berdimuhamedow'])
		).toBe('wrong');
	});

	it('grades very long input quickly, reading only the first characters', () => {
		const start = performance.now();
		expect(verdict('x'.repeat(100_000), accept)).toBe('wrong');
		expect(verdict('Berdimuhamedow' + ' '.repeat(10_000), accept)).toBe('right');
		expect(verdict('Berdimuhamedow' + 'z'.repeat(MAX_TYPED_LENGTH), accept)).toBe('wrong');
		expect(performance.now() - start).toBeLessThan(500);
	});

	it('grades unicode input without throwing', () => {
		expect(verdict('😀😀😀', accept)).toBe('wrong');
		expect(verdict('\u0000\uFFFF\uD800', accept)).toBe('wrong');
		expect(verdict('Türkmenbaşy', ['Turkmenbashy'])).toBe('nearly');
		expect(verdict('Казахстан', ['Казахстан'])).toBe('right');
	});
});

describe('edit distance', () => {
	it('counts inserts, deletes, substitutions and swaps of neighbours as one each', () => {
		expect(editDistance('abc', 'abc')).toBe(0);
		expect(editDistance('abc', 'abxc')).toBe(1);
		expect(editDistance('abc', 'ac')).toBe(1);
		expect(editDistance('abc', 'abd')).toBe(1);
		expect(editDistance('abcd', 'acbd')).toBe(1);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});

	it('stops once past the limit', () => {
		expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
		expect(editDistance('a', 'abcdef', 2)).toBe(3);
	});
});

describe('typos that change the meaning', () => {
	it('never forgives a negating prefix added, removed or swapped', () => {
		expect(verdict('unimportant', ['important'])).toBe('wrong');
		expect(verdict('important', ['unimportant'])).toBe('wrong');
		expect(verdict('inactive', ['active'])).toBe('wrong');
		expect(verdict('irregular', ['regular'])).toBe('wrong');
		expect(verdict('illegal', ['legal'])).toBe('wrong');
		expect(verdict('impossible', ['possible'])).toBe('wrong');
		expect(verdict('disagreement', ['agreement'])).toBe('wrong');
		expect(verdict('nonaligned', ['aligned'])).toBe('wrong');
		expect(verdict('amoral', ['moral'])).toBe('wrong');
		// Typed apart, the prefix still counts: "a moral" (an article dropped) is not "amoral".
		expect(verdict('a moral', ['amoral'])).toBe('wrong');
		expect(verdict('Un important', ['important'])).toBe('wrong');
	});

	it('never forgives a counting prefix swapped', () => {
		expect(verdict('trilateral', ['bilateral'])).toBe('wrong');
		expect(verdict('unilateral', ['bilateral'])).toBe('wrong');
		expect(verdict('multilateral', ['bilateral'])).toBe('wrong');
		expect(verdict('bilateral', ['trilateral'])).toBe('wrong');
		expect(verdict('Trilateral talks', ['Bilateral talks'])).toBe('wrong');
		expect(verdict('billion', ['trillion'])).toBe('wrong');
		expect(verdict('polycentric', ['monocentric'])).toBe('wrong');
	});

	it('never forgives one of a pair of opposed prefixes for the other', () => {
		expect(verdict('intrastate cooperation', ['interstate cooperation'])).toBe('wrong');
		expect(verdict('interregional', ['intraregional'])).toBe('wrong');
		expect(verdict('prewar', ['postwar'])).toBe('wrong');
		expect(verdict('underestimated', ['overestimated'])).toBe('wrong');
		expect(verdict('subregional', ['superregional'])).toBe('wrong');
		expect(verdict('interstate cooperaton', ['interstate cooperation'])).toBe('nearly');
	});

	it('never forgives -less for -ful', () => {
		expect(verdict('careless', ['careful'])).toBe('wrong');
		expect(verdict('hopeful', ['hopeless'])).toBe('wrong');
		expect(verdict('painless', ['pain'])).toBe('wrong');
	});

	it('never forgives one compass point for another', () => {
		expect(verdict('South', ['North'])).toBe('wrong');
		expect(verdict('Southern', ['Northern'])).toBe('wrong');
		expect(verdict('Southeast', ['Northeast'])).toBe('wrong');
		expect(verdict('Eastern', ['Western'])).toBe('wrong');
		expect(verdict('North–South corridor', ['North–North corridor'])).toBe('wrong');
	});

	it('still forgives ordinary typos, including near the parts it watches', () => {
		expect(verdict('Ashgabad', ['Ashgabat'])).toBe('nearly');
		expect(verdict('Nothern Hemisphere', ['Northern Hemisphere'])).toBe('nearly');
		expect(verdict('bilaterl', ['bilateral'])).toBe('nearly');
		expect(verdict('unimportnt', ['unimportant'])).toBe('nearly');
		expect(verdict('imporant', ['important'])).toBe('nearly');
		expect(verdict('carefull', ['careful'])).toBe('nearly');
		expect(verdict('Eshgabat', ['Ashgabat'])).toBe('nearly');
	});

	it('reads the marks of a word', () => {
		expect(meaningReadings('unimportant')).toContainEqual({ marks: 'im- un-', stem: 'portant' });
		expect(meaningReadings('careless')).toContainEqual({ marks: '-less', stem: 'care' });
		expect(meaningReadings('northeastern')).toContainEqual({ marks: 'northeast', stem: 'ern' });
		expect(meaningReadings('ashgabat')).toEqual([
			{ marks: '', stem: 'ashgabat' },
			{ marks: 'a-', stem: 'shgabat' }
		]);
		expect(changesMeaning('unilateral', 'bilateral')).toBe(true);
		expect(changesMeaning('ashgabad', 'ashgabat')).toBe(false);
	});
});

describe('rejected spellings', () => {
	it('grades a rejected spelling wrong, however close to an accepted one', () => {
		expect(gradeTyped('Ashgabad', ['Ashgabat'], [], ['Ashgabad'])).toEqual({
			verdict: 'wrong',
			closest: 'Ashgabat'
		});
		expect(verdict('Ashgabad', ['Ashgabat'])).toBe('nearly');
	});

	it('grades a typo of a rejected spelling wrong, never nearly right', () => {
		const grade = (input: string) => gradeTyped(input, ['Berdimuhamedow'], [], ['Berdimuhamedov']).verdict;
		expect(grade('Berdimuhamedov')).toBe('wrong');
		// One letter off the rejected spelling (and one off the accepted one).
		expect(grade('Berdimuhamedof')).toBe('wrong');
		expect(grade('Berdimuhamedow')).toBe('right');
		// Nearer the accepted spelling than a typo of the rejected one: still nearly right.
		expect(grade('Berdimuhamedw')).toBe('nearly');
	});
});
