import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CardStateRow } from '../model.ts';
import { StudyDatabase, useDatabase } from './index.ts';
import { answerCard } from './reviews.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { becameLeech, isLeech } from '../srs/leech.ts';
import { makeScheduler, rate, State } from '../srs/scheduler.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();

/**
 * Answers a card as a learner who keeps forgetting it: learned (Good until in review), then each time it
 * comes due forgotten (Again) and relearned (Good). Calls `answer` for every answer, in order.
 */
async function forgetOften(
	lapses: number,
	answer: (rating: 1 | 3, now: number) => Promise<CardStateRow> | CardStateRow
): Promise<void> {
	let state = await answer(3, t0);
	while (state.state !== State.Review) state = await answer(3, Math.max(state.due, t0));
	for (let i = 0; i < lapses; i++) {
		state = await answer(1, state.due);
		while (state.state !== State.Review) state = await answer(3, state.due);
	}
}

describe('leeches', () => {
	it('a card becomes a leech at its 8th lapse, and again at every 4th lapse after', async () => {
		const f = makeScheduler(DEFAULT_SETTINGS);
		let state: CardStateRow | undefined;
		const leechAt: number[] = [];
		await forgetOften(13, (rating, now) => {
			const next = rate(f, 'c', state, rating, now, crypto.randomUUID()).state;
			if (becameLeech(state, next)) leechAt.push(next.lapses);
			expect(isLeech(next)).toBe(next.lapses >= 8);
			state = next;
			return next;
		});
		expect(state!.lapses).toBe(13);
		expect(leechAt).toEqual([8, 12]);
	});

	it('is suspended by the answer that makes it a leech, or only tagged when the settings say so', async () => {
		for (const leechAction of ['suspend', 'tag'] as const) {
			useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
			const settings = { ...DEFAULT_SETTINGS, leechAction };
			const suspendedAt: number[] = [];
			await forgetOften(8, async (rating, now) => {
				const result = await answerCard('c', rating, { now, settings });
				if (result.leech) {
					expect(result.leech.flag.suspended).toBe(true);
					suspendedAt.push(result.state.lapses);
				}
				return result.state;
			});
			expect(suspendedAt).toEqual(leechAction === 'suspend' ? [8] : []);
		}
	});
});
