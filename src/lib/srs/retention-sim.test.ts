import { describe, expect, it } from 'vitest';
import { simulateRetention } from './retention-sim.ts';

describe('the retention helper’s simulation', () => {
	it('costs more reviews and keeps more cards as the desired retention rises, the same each run', () => {
		const options = { parameters: null, cards: 137, newPerDay: 10, maximumInterval: 36500 };
		const points = simulateRetention(options);
		expect(points.map((p) => p.retention)).toEqual([0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97]);
		for (let i = 1; i < points.length; i++) {
			expect(points[i]!.reviewsPerDay).toBeGreaterThan(points[i - 1]!.reviewsPerDay);
		}
		expect(points.at(-1)!.reviewsPerDay).toBeGreaterThan(2 * points[0]!.reviewsPerDay);
		expect(points.at(-1)!.remembered).toBeGreaterThan(points[0]!.remembered);
		expect(points[4]!.remembered).toBeGreaterThan(points[0]!.remembered);
		expect(points.every((p) => p.remembered <= 137)).toBe(true);
		expect(simulateRetention(options)).toEqual(points);
	});
});
