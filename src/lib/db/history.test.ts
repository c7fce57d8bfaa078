import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ReviewRow } from '../model.ts';
import { reviewRow } from '../../../tests/unit/rows.ts';
import { readHistory } from './history.ts';
import { StudyDatabase, useDatabase } from './index.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();

function row(i: number): ReviewRow {
	return reviewRow(
		`r-${String(i).padStart(4, '0')}`,
		`c${i % 7}`,
		(i % 5) as ReviewRow['rating'],
		t0 + i * 60_000
	);
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
