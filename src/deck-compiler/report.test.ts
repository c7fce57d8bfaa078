import { describe, expect, it } from 'vitest';
import {
	deckReport,
	findGiveAways,
	formatReport,
	isGenericAnswer,
	longestAnswerCards,
	sameAnswerAndQuote
} from './report.ts';
import { makeCard, makeCards } from '../../tests/unit/cards.ts';
import type { Card, Deck, SourceDocument } from '../lib/model.ts';

const year = makeCard(1, {
	id: 'visit-year',
	question: 'In which year was the state visit?',
	answer: '2013'
});
const month = makeCard(2, {
	id: 'visit-month',
	question: 'In which month of 2013 was the state visit?',
	answer: 'May'
});

const ruleOf = (deck: Deck, rule: string) => deckReport(deck).rules.find((r) => r.rule === rule)!;
const deckOf = (cards: Card[], extra: Partial<Deck> = {}): Deck => ({
	documents: [],
	topics: [],
	cards,
	...extra
});

describe('the give-away rule', () => {
	it("finds a question that contains another card's answer, however written", () => {
		const found = findGiveAways([year, month]).found;
		expect(found).toEqual([{ card: 'visit-month', reveals: 'visit-year', where: 'question', words: '2013' }]);
		const accented = makeCard(3, { id: 'c', question: 'Who visited ÁSHGABAT, in the end?' });
		const city = makeCard(4, { id: 'city', answer: 'Ashgabat', accept: ['Ashgabat'] });
		expect(findGiveAways([accented, city]).found.map((g) => g.reveals)).toEqual(['city']);
	});

	it('finds an answer in a true statement, and through an accepted spelling', () => {
		const statement = makeCard(5, {
			id: 'talks',
			truefalse: { right: 'The talks were held in Ashkhabad.', wrong: 'The talks were held in Baku.' }
		});
		const city = makeCard(4, { id: 'city', answer: 'Ashgabat', accept: ['Ashgabat', 'Ashkhabad'] });
		expect(findGiveAways([statement, city]).found).toEqual([
			{ card: 'talks', reveals: 'city', where: 'true statement', words: 'ashkhabad' }
		]);
	});

	it('matches whole words only, and leaves out short and generic answers', () => {
		const rally = makeCard(6, { id: 'rally', question: 'Which Russian city hosted the rally?' });
		const country = makeCard(7, { id: 'country', answer: 'Russia' });
		expect(findGiveAways([rally, country]).found).toEqual([]);
		expect(isGenericAnswer('UN')).toBe(true);
		expect(isGenericAnswer('12')).toBe(true);
		expect(isGenericAnswer('The Kazakhstan')).toBe(true);
		expect(isGenericAnswer('Turkmenistan')).toBe(true);
		expect(isGenericAnswer('150')).toBe(false);
		expect(isGenericAnswer('Iran')).toBe(false);
		const small = makeCard(8, { id: 'small', question: 'How many were there, 12 or more?' });
		expect(findGiveAways([small, makeCard(9, { id: 'n', answer: '12' })]).found).toEqual([]);
	});

	it('lets a card name another card’s answer when it says why (allowReveal)', () => {
		const allowed = { ...month, allowReveal: [{ card: 'visit-year', why: 'The year frames the month.' }] };
		expect(findGiveAways([year, allowed])).toEqual({ found: [], allowed: 1 });
	});

	it('takes a wrong choice that is another card’s answer as a fair distractor', () => {
		const choice = makeCard(10, { id: 'choice', choices: ['2013', '2014', '2015'] });
		expect(findGiveAways([year, choice]).found).toEqual([]);
	});

	it('fails the report, naming both cards', () => {
		const rule = ruleOf(deckOf([year, month]), 'give-aways');
		expect(rule.problems).toEqual([
			expect.stringContaining('card visit-month: its question contains "2013", the answer of card visit-year')
		]);
		expect(rule.figure).toContain('1 cards (1 give-aways)');
	});
});

describe('the longest-answer rule', () => {
	const longest = (n: number) =>
		makeCard(n, { answer: 'A much longer right answer', choices: ['Short', 'Brief', 'Terse'] });
	const balanced = (n: number) => makeCard(n, { answer: 'Medium', choices: ['Longer one', 'Tiny', 'Small'] });

	it('counts cards whose right answer is longer than every wrong choice (a tie is not longest)', () => {
		expect(longestAnswerCards([longest(1), balanced(2)]).map((c) => c.id)).toEqual(['card-1']);
		const tie = makeCard(3, { answer: '1991', choices: ['1992', '1990', '1989'] });
		expect(longestAnswerCards([tie])).toEqual([]);
	});

	it('passes at 30 % and fails above, printing the figure either way', () => {
		const pass = [
			...makeCards(3, () => ({})).map((_, i) => longest(i + 1)),
			...[4, 5, 6, 7, 8, 9, 10].map(balanced)
		];
		const ok = ruleOf(deckOf(pass), 'longest answer');
		expect(ok.problems).toEqual([]);
		expect(ok.figure).toBe('right answer longest: 3 of 10 (30.0 %) ≤ 30 %');
		const fail = ruleOf(deckOf([...pass, longest(11)]), 'longest answer');
		expect(fail.figure).toBe('right answer longest: 4 of 11 (36.4 %) > 30 %');
		expect(fail.problems[0]).toContain('card-11');
	});
});

describe('the length rule', () => {
	const long = 'word '.repeat(26).trim();
	it('refuses a question over 25 words or an answer over 8, unless the card says why', () => {
		const q = makeCard(1, { question: long });
		const a = makeCard(2, { answer: 'one two three four five six seven eight nine' });
		const why = makeCard(3, { question: long, lengthWhy: 'The question quotes a title.' });
		const ok = makeCard(4, {
			question: 'word '.repeat(25).trim(),
			answer: 'one two three four five six seven eight'
		});
		const rule = ruleOf(deckOf([q, a, why, ok]), 'length');
		expect(rule.problems).toEqual([
			'card card-1: the question has 26 words (at most 25 without lengthWhy)',
			'card card-2: the answer has 9 words (at most 8 without lengthWhy)'
		]);
		expect(rule.figure).toContain('questions over 25 words: 2 (1 with lengthWhy)');
	});
});

describe('the duplicate rule', () => {
	it('finds two cards with the same answer from the same quote, not from different quotes', () => {
		const a = makeCard(1, { answer: 'The railway' });
		const b = makeCard(2, { answer: 'railway', refs: a.refs });
		const c = makeCard(3, { answer: 'Railway' });
		expect(sameAnswerAndQuote([a, b, c]).map(([x, y]) => [x.id, y.id])).toEqual([['card-1', 'card-2']]);
		expect(ruleOf(deckOf([a, b]), 'duplicates').problems[0]).toContain('cards card-1 and card-2');
	});
});

describe('the coverage rules', () => {
	const document = (id: string, passages: string[]): SourceDocument => ({
		id,
		title: id,
		shortTitle: id,
		publisher: 'p',
		attribution: 'a',
		licence: 'l',
		passages: [
			...passages.map((p) => ({ id: p, kind: 'paragraph' as const, text: 'Text.', meta: false })),
			{ id: 'masthead', kind: 'paragraph' as const, text: 'Masthead.', meta: true }
		]
	});
	const topics = Array.from({ length: 9 }, (_, i) => ({ id: `t${i}`, title: `T${i}`, description: 'd' }));

	it('counts cards per passage (meta left out), per document, on both documents and per topic', () => {
		const cards = makeCards(40, (n) => ({
			topics: [`t${n % 5}`],
			refs: [
				{ document: 'encyclopedia', passage: n % 2 ? 'e1' : 'e2', quote: 'Text' },
				...(n <= 10 ? [{ document: 'magazine', passage: 'm1', quote: 'Text' }] : [])
			]
		}));
		const report = deckReport(
			deckOf(cards, {
				documents: [document('encyclopedia', ['e1', 'e2']), document('magazine', ['m1', 'm2'])],
				topics
			})
		);
		const problems = report.problems.join('\n');
		expect(problems).toContain('passage magazine#m2 has 0 cards; it needs at least 3');
		expect(problems).not.toContain('masthead');
		expect(problems).not.toContain('document encyclopedia');
		expect(problems).toContain('10 cards tie both documents; at least 12 must');
		expect(problems).toContain('5 topics have at least 8 cards; at least 8 must');
		const text = formatReport(report);
		expect(text).toContain('FAIL  cards tying both documents: 10 < 12');
		expect(text).toContain('ok    cards on encyclopedia: 40 ≥ 35');
		expect(text).toContain('FAIL  topics with at least 8 cards: 5 < 8');
	});

	it('passes a deck that meets every rule, and says so', () => {
		const cards = makeCards(72, (n) => ({
			id: `card-${n}`,
			question: `Question number ${n}?`,
			answer: `Answer ${n}`,
			topics: [`t${n % 9}`],
			refs: [
				{ document: 'encyclopedia', passage: 'e1', quote: `Text ${n}` },
				...(n <= 12 ? [{ document: 'magazine', passage: 'm1', quote: 'Text' }] : [])
			],
			choices: [`Wrong ${n}a`, `Wrong ${n}b`, `Wrong ${n}c`]
		}));
		const report = deckReport(
			deckOf(cards, { documents: [document('encyclopedia', ['e1']), document('magazine', ['m1'])], topics })
		);
		expect(report.problems).toEqual([]);
		expect(formatReport(report)).toContain('Every deck rule is met.');
		expect(formatReport(report)).toContain('ok    right answer longest: 0 of 72 (0.0 %) ≤ 30 %');
	});
});
