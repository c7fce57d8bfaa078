import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gradeAnswers, gradeCard, parseGradeLines } from './grade.ts';
import { loadDeck } from './load.ts';
import { makeCard } from '../../tests/unit/cards.ts';
import type { Deck } from '../lib/model.ts';

const card = makeCard(1, {
	id: 'capital',
	answer: 'Ashgabat',
	accept: ['Ashgabat'],
	choices: ['Astana', 'Almaty', 'Baku'],
	reject: ['Ashkhabad']
});
const deck: Deck = { documents: [], topics: [], cards: [card, makeCard(2, { id: 'long', accept: [] })] };

describe('grading a card from the shell', () => {
	it('gives the quiz verdicts: right, nearly, wrong, rejected spellings wrong', () => {
		expect(gradeCard(card, ' ashgabat ')).toBe('right');
		expect(gradeCard(card, 'Ashgabad')).toBe('nearly');
		expect(gradeCard(card, 'Astana')).toBe('wrong');
		expect(gradeCard(card, 'Ashkhabad')).toBe('wrong');
	});

	it('grades nothing when a card id is unknown, naming it', () => {
		const result = gradeAnswers(deck, [
			{ cardId: 'capital', typed: 'Ashgabat' },
			{ cardId: 'nowhere', typed: 'x' }
		]);
		expect(result).toEqual({
			ok: false,
			errors: [expect.stringContaining('line 2: no card has the id "nowhere"')]
		});
	});

	it('notes a card a quiz never asks to type', () => {
		const result = gradeAnswers(deck, [{ cardId: 'long', typed: 'Answer 2' }]);
		expect(result).toEqual({
			ok: true,
			verdicts: ['wrong'],
			notes: ['card long is never asked as a typed answer (it has no accept list)']
		});
	});

	it('reads lines of CARD_ID<TAB>answer, and refuses a line without a tab', () => {
		expect(parseGradeLines('a\tone\n\nb\ttwo\tthree\r\n')).toEqual({
			ok: true,
			answers: [
				{ cardId: 'a', typed: 'one' },
				{ cardId: 'b', typed: 'two\tthree' }
			]
		});
		expect(parseGradeLines('a one')).toEqual({
			ok: false,
			errors: ['line 1: expected CARD_ID<TAB>typed answer, got "a one"']
		});
	});
});

describe('npm run deck:grade', () => {
	const real = loadDeck(process.cwd());
	const typed = real.cards.filter((c) => c.accept.length > 0).slice(0, 3);
	// The script as npm runs it (tsx), with node itself rather than npx, which is slow to start.
	const script = [process.execPath, ['--import', 'tsx', 'scripts/deck.ts', 'grade']] as const;
	const run = (args: string[], input = '') =>
		spawnSync(script[0], [...script[1], ...args], { input, encoding: 'utf8' });
	/** A limit for a slow, shared machine, not a measure of speed. */
	const LIMIT = 60_000;

	it(
		'prints the verdict on a card of the compiled deck',
		() => {
			const c = typed[0]!;
			const out = execFileSync(script[0], [...script[1], c.id, c.answer.toUpperCase()], { encoding: 'utf8' });
			expect(out).toBe('right\n');
		},
		LIMIT
	);

	it(
		'reads lines from standard input and prints one verdict a line, as the quiz grades them',
		() => {
			const lines = typed.flatMap((c) => [
				[c.id, c.answer],
				[c.id, c.answer.slice(0, -1)],
				[c.id, 'Something else entirely']
			]);
			const result = run([], lines.map((l) => l.join('\t')).join('\n') + '\n');
			expect(result.status).toBe(0);
			const expected = lines.map(([id, text]) =>
				gradeCard(
					real.cards.find((c) => c.id === id)!,
					text!
				)
			);
			expect(result.stdout).toBe(expected.map((v) => `${v}\n`).join(''));
			expect(expected.filter((v) => v === 'right')).toHaveLength(typed.length);
			expect(expected.at(-1)).toBe('wrong');
		},
		LIMIT
	);

	it(
		'fails with a clear message on an unknown card id',
		() => {
			const result = run(['no-such-card', 'anything']);
			expect(result.status).not.toBe(0);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('no card has the id "no-such-card"');
		},
		LIMIT
	);
});
