import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cards } from '../deck/deck.ts';
import { StudyDatabase, useDatabase } from './index.ts';
import { logShrank, noteLogSize } from './log-size.ts';
import { readLogSizeNote } from './marker.ts';
import { answerCard, resetProgress, undoReview } from './reviews.ts';

/** localStorage as a browser has it, in memory. */
function memoryStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (k) => items.get(k) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (k) => void items.delete(k),
		setItem: (k, v) => void items.set(k, String(v))
	};
}

const t0 = new Date(2026, 2, 1, 9).getTime();
const [A, B] = cards.map((c) => c.id) as [string, string];
/** The note is written when the write transaction completes, a moment after the write resolves. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

let db: StudyDatabase;
beforeEach(() => {
	vi.stubGlobal('localStorage', memoryStorage());
	db = new StudyDatabase(`marker-${crypto.randomUUID()}`);
	useDatabase(db);
});
afterEach(() => vi.unstubAllGlobals());

describe('the note of the log’s size', () => {
	it('follows answers, undo and reset as they are written', async () => {
		expect(await logShrank()).toBeNull();
		expect(readLogSizeNote(db)?.reviews).toBe(0);
		await answerCard(A, 3, { now: t0 });
		const { review } = await answerCard(B, 3, { now: t0 + 1000 });
		await answerCard(A, 4, { now: t0 + 60_000 });
		await settled();
		expect(readLogSizeNote(db)?.reviews).toBe(3);
		await undoReview(review.id);
		await settled();
		expect(readLogSizeNote(db)?.reviews).toBe(2);
		await resetProgress();
		await settled();
		expect(readLogSizeNote(db)?.reviews).toBe(0);
		expect(await logShrank()).toBeNull();
	});

	it('tells a log that came back smaller or empty, until the learner keeps it as it is', async () => {
		for (let i = 0; i < 5; i++) await answerCard(A, 3, { now: t0 + i * 60_000 });
		await settled();
		const noted = readLogSizeNote(db)!;
		expect(noted.reviews).toBe(5);

		// The browser empties the site's storage behind the app's back (another connection, no note kept).
		db.close();
		await new StudyDatabase(db.name).delete();
		db = new StudyDatabase(db.name);
		useDatabase(db);
		expect(await logShrank()).toEqual({ now: 0, before: noted });
		// Still told on the next look: the note is not overwritten by the smaller log.
		expect(await logShrank()).toEqual({ now: 0, before: noted });

		await answerCard(B, 3, { now: t0 + 86_400_000 });
		await settled();
		expect((await logShrank())?.now).toBe(1);

		await noteLogSize();
		expect(await logShrank()).toBeNull();
		expect(readLogSizeNote(db)?.reviews).toBe(1);
	});
});
