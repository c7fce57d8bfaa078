import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, StudyDatabase, useDatabase } from '../db/index.ts';
import { answerCard } from '../db/reviews.ts';
import type { QueueCard } from '../srs/queue.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { withAnswer } from './study-data.ts';
import { TestClock } from '../../../tests/unit/clock.ts';
import { TodayQueue } from './today.svelte.ts';

// Counts the reads of today's data, and can hold a read's result back (a read that is slow to come).
const reads = vi.hoisted(() => ({ count: 0, gate: null as Promise<void> | null }));
vi.mock('../db/study.ts', async (original) => {
	const actual = await original<typeof import('../db/study.ts')>();
	return {
		...actual,
		loadStudyData: async (...args: Parameters<typeof actual.loadStudyData>) => {
			reads.count++;
			const gate = reads.gate;
			const data = await actual.loadStudyData(...args);
			if (gate) await gate;
			return data;
		}
	};
});

const t0 = new Date(2026, 2, 10, 10, 0).getTime();
const cards: QueueCard[] = Array.from({ length: 6 }, (_, i) => ({
	id: `card-${i}`,
	order: i,
	topics: ['t']
}));

let db: StudyDatabase;
let today: TodayQueue;

async function until(check: () => boolean, what: string): Promise<void> {
	for (let i = 0; i < 500; i++) {
		if (check()) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** A write made by another tab: its own connection to the same database. */
async function inAnotherTab<T>(write: () => Promise<T>): Promise<T> {
	const other = new StudyDatabase(db.name);
	useDatabase(other);
	const done = write();
	useDatabase(db);
	try {
		return await done;
	} finally {
		other.close();
	}
}

/** An answer given in this tab, applied in memory as the review session does. */
async function answerHere(cardId: string): Promise<void> {
	const { review, state } = await answerCard(cardId, 3, { now: t0, settings: DEFAULT_SETTINGS });
	today.update(cardId, (d) => withAnswer(d, review, state));
}

beforeEach(async () => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
	reads.count = 0;
	reads.gate = null;
	today = new TodayQueue(cards, new TestClock(t0));
	today.start();
	await until(() => today.queue !== null, 'the first read');
});

afterEach(() => today.stop());

describe("today's queue", () => {
	it("reads once, takes this tab's answers in memory, and reads again only for another tab's", async () => {
		expect(reads.count).toBe(1);
		await answerHere('card-0');
		// At once, without a read: the card left the new cards and is learning.
		expect(today.queue!.counts).toEqual({ fresh: 5, learning: 1, review: 0 });
		expect(today.summary.answers).toBe(1);

		await inAnotherTab(() => answerCard('card-1', 3, { now: t0, settings: DEFAULT_SETTINGS }));
		await until(() => today.queue!.counts.learning === 2, "the other tab's answer");
		// One read for the other tab's answer; none for this tab's.
		expect(reads.count).toBe(2);
		expect(today.summary.answers).toBe(2);
	});

	it('reads again when its own answer came while a read was under way, so the answer is not lost', async () => {
		let release = () => {};
		reads.gate = new Promise<void>((r) => (release = r));
		// Another tab's change starts a read; it reads the database before this tab answers…
		await inAnotherTab(() => answerCard('card-1', 3, { now: t0, settings: DEFAULT_SETTINGS }));
		await until(() => reads.count === 2, 'the read for the other tab');
		// …and its result comes only after.
		await answerHere('card-0');
		reads.gate = null;
		release();
		await until(() => reads.count === 3, 'a second read');
		await until(() => today.queue!.counts.learning === 2, 'both answers');
		expect(today.summary.answers).toBe(2);
	});

	it('ignores changes to tables the queue does not read', async () => {
		await inAnotherTab(() => getDb().meta.put({ key: 'something', value: 1 }));
		await inAnotherTab(() => answerCard('card-1', 3, { now: t0, settings: DEFAULT_SETTINGS }));
		await until(() => today.queue!.counts.learning === 1, "the other tab's answer");
		expect(reads.count).toBe(2);
	});
});
