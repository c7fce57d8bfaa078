import { describe, expect, it } from 'vitest';
import { clampLength, parseQuizParams, quizHref } from './params.ts';

const parse = (query: string) => parseQuizParams(new URLSearchParams(query));

describe('the address of a quiz', () => {
	it('leaves out what is not given: the default length and a fresh seed', () => {
		expect(parse('')).toEqual({ ok: true, request: { length: null, seed: null, quizId: null } });
	});

	it('reads a length from 5 to 30, a seed and a quiz id', () => {
		expect(parse('length=5&seed=0')).toEqual({ ok: true, request: { length: 5, seed: 0, quizId: null } });
		expect(parse('length=30&seed=4294967295&quiz=0b8c-12ab')).toEqual({
			ok: true,
			request: { length: 30, seed: 4294967295, quizId: '0b8c-12ab' }
		});
	});

	it('refuses a bad length, seed or quiz id with a message naming it', () => {
		for (const bad of ['4', '31', '-5', '10.5', 'ten', '', '1e1', ' 10', '0x0a']) {
			const parsed = parse(`length=${encodeURIComponent(bad)}`);
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[0]).toMatch(/5 to 30/);
		}
		for (const bad of ['-1', '4294967296', '1.5', 'abc', '', '99999999999']) {
			const parsed = parse(`seed=${encodeURIComponent(bad)}`);
			expect(parsed.ok).toBe(false);
			if (!parsed.ok) expect(parsed.errors[0]).toMatch(/seed/);
		}
		const parsed = parse(`quiz=${encodeURIComponent('<script>')}&length=99`);
		expect(parsed).toEqual({
			ok: false,
			errors: [expect.stringMatching(/length/), expect.stringMatching(/quiz/)]
		});
	});

	it('does not echo a long value back whole', () => {
		const parsed = parse(`length=${'9'.repeat(500)}`);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[0]!.length).toBeLessThan(150);
	});

	it('keeps a length from a quiz of any size in range', () => {
		expect([clampLength(2), clampLength(12), clampLength(45)]).toEqual([5, 12, 30]);
	});

	it('links to a quiz with the default length left out', () => {
		expect(quizHref('energy')).toBe('/quiz/energy');
		expect(quizHref('energy', 20)).toBe('/quiz/energy?length=20');
	});
});
