import { describe, expect, it } from 'vitest';
import { State as FsrsState } from 'ts-fsrs';
import { recallCurve } from './curve.ts';
import { DEFAULT_SETTINGS } from './defaults.ts';
import { makeScheduler } from './scheduler.ts';
import { State } from './state.ts';

/** A small seeded generator, so that a failure can be run again. */
function random(seed: number): () => number {
	let s = seed;
	return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('the recall curve without the scheduler', () => {
	it('gives what the scheduler gives, to the last digit, with default and fitted parameters', () => {
		const next = random(7);
		const fitted = makeScheduler(DEFAULT_SETTINGS).parameters.w.map((w) => w * (0.8 + next() * 0.4));
		for (const parameters of [null, fitted, [...fitted.slice(0, 20), 0.05], [...fitted.slice(0, 20), 0.95]]) {
			const settings = { ...DEFAULT_SETTINGS, parameters };
			const f = makeScheduler(settings);
			const curve = recallCurve(settings);
			for (let i = 0; i < 2_000; i++) {
				const elapsed = next() < 0.1 ? 0 : next() * 400;
				const stability = 0.01 + next() * 300;
				expect(curve.forgetting_curve(elapsed, stability), `${elapsed} days, stability ${stability}`).toBe(
					f.forgetting_curve(elapsed, stability)
				);
			}
		}
	});

	it('numbers the states as ts-fsrs does', () => {
		expect(State).toEqual({
			New: FsrsState.New,
			Learning: FsrsState.Learning,
			Review: FsrsState.Review,
			Relearning: FsrsState.Relearning
		});
	});
});
