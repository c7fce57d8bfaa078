import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PARAMETERS,
	evaluate,
	fitSample,
	histories,
	trainingItems,
	type LogReview
} from './optimize.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 1, 9).getTime();

describe('the optimizer’s data and the evaluation', () => {
	// Two cards, each answered Good, then again three days later: one remembered, one forgotten.
	const log: LogReview[] = [
		{ cardId: 'a', rating: 3, reviewedAt: t0 },
		{ cardId: 'b', rating: 3, reviewedAt: t0 + 60_000 },
		{ cardId: 'a', rating: 3, reviewedAt: t0 + 3 * DAY },
		{ cardId: 'b', rating: 1, reviewedAt: t0 + 3 * DAY + 60_000 },
		{ cardId: 'b', rating: 0, reviewedAt: t0 + 3 * DAY + 120_000 }
	];

	it('computes the log loss and RMSE of a known small history by FSRS-6’s forgetting curve', () => {
		const w = DEFAULT_PARAMETERS;
		// After one Good the stability is w[2]; three days on, FSRS-6 predicts R = (1 + factor·t/S)^−w20.
		const decay = -w[20]!;
		const factor = 0.9 ** (1 / decay) - 1;
		const p = (1 + (factor * 3) / w[2]!) ** decay;
		const result = evaluate(null, histories(log, 4));
		expect(result.count).toBe(2);
		expect(result.logLoss).toBeCloseTo(-(Math.log(p) + Math.log(1 - p)) / 2, 6);
		// Both predictions fall in one bin: the mean prediction p against the mean outcome 0.5.
		expect(result.rmse).toBeCloseTo(Math.abs(p - 0.5), 6);
		// Other parameters give another loss: a first stability of 30 days predicts near-certain recall.
		const sure = [...w];
		sure[2] = 30;
		expect(evaluate(sure, histories(log, 4)).logLoss).toBeGreaterThan(result.logLoss);
	});

	it('gives the optimizer an item per answer a day or more after the one before, with its history', () => {
		const h = histories(
			[
				...log,
				{ cardId: 'a', rating: 2, reviewedAt: t0 + 3 * DAY + 600_000 },
				{ cardId: 'a', rating: 4, reviewedAt: t0 + 10 * DAY }
			],
			4
		);
		expect(h.reviews).toBe(6);
		const items = trainingItems(h);
		expect(items.count).toBe(3);
		expect([...items.lengths]).toEqual([2, 4, 2]);
		expect([...items.ratings]).toEqual([3, 3, 3, 3, 2, 4, 3, 1]);
		expect([...items.deltas]).toEqual([0, 3, 0, 3, 0, 7, 0, 3]);
	});

	it('fits a long log on whole cards chosen at random, within the budget, the same cards every time', () => {
		// 200 cards, each answered on days 0, 2, 5, 9, 14: items of 2, 3, 4 and 5 answers, 14 in all a card.
		const long: LogReview[] = [];
		for (let c = 0; c < 200; c++)
			for (const d of [0, 2, 5, 9, 14])
				long.push({ cardId: `card-${c}`, rating: c % 7 ? 3 : 1, reviewedAt: t0 + d * DAY + c * 1000 });
		const h = histories(long, 4);
		const all = trainingItems(h);
		expect(all.ratings.length).toBe(200 * 14);

		expect(fitSample(h, all.ratings.length)).toEqual({ histories: h, sampled: false });
		const { histories: sample, sampled } = fitSample(h, 1000);
		expect(sampled).toBe(true);
		const items = trainingItems(sample);
		// Whole cards only, as many as the budget holds.
		expect(items.ratings.length).toBe(Math.floor(1000 / 14) * 14);
		expect(sample.cards.every((c) => c.ratings.length === 5)).toBe(true);
		expect(sample.reviews).toBe(sample.cards.length * 5);
		// Not the first cards of the log, and the same choice on a second run and in another order.
		const ids = sample.cards.map((c) => c.id).sort();
		expect(ids).not.toEqual(
			h.cards
				.slice(0, ids.length)
				.map((c) => c.id)
				.sort()
		);
		const again = fitSample(histories([...long].reverse(), 4), 1000).histories.cards.map((c) => c.id);
		expect(again.sort()).toEqual(ids);
	});
});
