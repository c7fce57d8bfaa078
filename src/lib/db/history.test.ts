import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReviewRow } from '../model.ts';
import { State } from '../srs/scheduler.ts';
import { readHistory } from './history.ts';
import { StudyDatabase, useDatabase } from './index.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();

function row(i: number): ReviewRow {
	const at = t0 + i * 60_000;
	return {
		id: `r-${String(i).padStart(4, '0')}`,
		cardId: `c${i % 7}`,
		rating: (i % 5) as ReviewRow['rating'],
		reviewedAt: at,
		durationMs: 1500,
		state: State.Review,
		due: at,
		stability: 3,
		difficulty: 5,
		elapsedDays: 1,
		lastElapsedDays: 1,
		scheduledDays: 2,
		learningSteps: 0
	};
}

describe('the log as the optimizer reads it', () => {
	it('reads every answer once, in pages, and reports its progress', async () => {
		const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
		useDatabase(db, new Map());
		// 45 rows in pages of 20 (two full pages and a part), and 40 (a page ends exactly at the last row).
		const log = Array.from({ length: 45 }, (_, i) => row(i));
		await db.reviews.bulkAdd([...log].reverse());
		const expected = log.map(({ cardId, rating, reviewedAt }) => ({ cardId, rating, reviewedAt }));
		for (const [size, rows] of [
			[20, 45],
			[15, 45],
			[20, 40]
		] as const) {
			if (rows < 45) await db.reviews.bulkDelete(log.slice(rows).map((r) => r.id));
			const progress: [number, number][] = [];
			const { reviews } = await readHistory((done, total) => progress.push([done, total]), size);
			expect(reviews.sort((a, b) => a.reviewedAt - b.reviewedAt)).toEqual(expected.slice(0, rows));
			expect(progress.at(-1)).toEqual([rows, rows]);
			expect(progress.length).toBe(Math.floor(rows / size) + 1);
		}
		db.close();
	});
});
