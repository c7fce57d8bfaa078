import { describe, expect, it } from 'vitest';
import { deriveSeed, MAX_SEED, mulberry32, randomIndex, shuffle } from './random.ts';

describe('the seeded generator', () => {
	it('gives the same numbers for the same seed, and other numbers for another seed', () => {
		const take = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
		expect(take(42)).toEqual(take(42));
		expect(take(42)).not.toEqual(take(43));
		expect(take(0)).not.toEqual(take(MAX_SEED));
	});

	it('stays in [0, 1) and spreads evenly enough to shuffle', () => {
		const random = mulberry32(7);
		const draws = Array.from({ length: 4000 }, random);
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...draws)).toBeLessThan(1);
		const buckets = [0, 0, 0, 0];
		for (const x of draws) buckets[randomIndex(() => x, 4)]!++;
		for (const b of buckets) expect(b).toBeGreaterThan(850);
	});

	it('shuffles into a permutation, leaving the input alone, the same way for the same seed', () => {
		const items = Array.from({ length: 20 }, (_, i) => i);
		const a = shuffle(items, mulberry32(1));
		expect([...a].sort((x, y) => x - y)).toEqual(items);
		expect(a).not.toEqual(items);
		expect(shuffle(items, mulberry32(1))).toEqual(a);
		expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('derives a different seed in range', () => {
		const d = deriveSeed(42, 0x1234);
		expect(Number.isInteger(d)).toBe(true);
		expect(d).toBeGreaterThanOrEqual(0);
		expect(d).toBeLessThanOrEqual(MAX_SEED);
		expect(d).not.toBe(42);
		expect(deriveSeed(42, 0x1234)).toBe(d);
	});
});
