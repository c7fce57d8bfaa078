// An import cannot leave the database worse: refused before writing when it cannot fit, and, when the disk
// fills part-way (a quota error, simulated here where the app writes), what was merged is exactly what it says.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cards } from '../deck/deck.ts';
import { BackupState } from './backup.svelte.ts';
import { BACKUP_FORMAT } from './format.ts';
import { importBackup } from '../db/backup.ts';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { answerCard } from '../db/reviews.ts';
import { readBackup } from './validate.ts';
import { deckSummary } from '../deck/summary.ts';
import type { ReviewRow } from '../model.ts';
import { reviewRow } from '../../../tests/unit/rows.ts';

const t0 = new Date(2026, 2, 1, 9).getTime();

/** A version 1 file of `n` reviews over the first 20 cards, one a minute. */
function fileOf(n: number): string {
	const reviews: ReviewRow[] = Array.from({ length: n }, (_, i) =>
		reviewRow(`r${i}`, cards[i % 20]!.id, 3, t0 + i * 60_000)
	);
	const quizzes = [
		{
			id: 'quiz-1',
			scope: 'mixed',
			seed: 1,
			startedAt: t0,
			finishedAt: t0 + 60_000,
			cardIds: [cards[0]!.id],
			answers: [{ cardId: cards[0]!.id, form: 'typed', given: 'x', correct: true, nearly: true }],
			score: 1
		}
	];
	return JSON.stringify({
		format: BACKUP_FORMAT,
		version: 1,
		appVersion: '0.1.0',
		exportedAt: t0 + 30 * 86_400_000,
		settings: {},
		cardFlags: [{ cardId: cards[1]!.id, suspended: true, buriedUntil: 0, updatedAt: t0 }],
		quizzes,
		reviews
	});
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A database whose `n`-th write of reviews (and every one after) fails as a full disk does, while `failing`. */
function openDevice(failFrom = Infinity) {
	const db = new StudyDatabase(`space-${crypto.randomUUID()}`);
	const control = { failing: false, writes: 0 };
	db.use({
		stack: 'dbcore',
		name: 'fullDisk',
		create: (down) => ({
			...down,
			table(name) {
				const table = down.table(name);
				return {
					...table,
					mutate(request) {
						if (
							control.failing &&
							name === 'reviews' &&
							request.type === 'add' &&
							++control.writes >= failFrom
						)
							return Promise.reject(quotaError());
						return table.mutate(request);
					}
				};
			}
		})
	});
	useDatabase(db);
	return { db, control };
}

async function snapshot(db: StudyDatabase) {
	return {
		reviews: await db.reviews.orderBy('id').toArray(),
		cardStates: await db.cardStates.orderBy('cardId').toArray(),
		cardFlags: await db.cardFlags.toArray(),
		quizzes: await db.quizzes.toArray(),
		settings: await db.settings.toArray()
	};
}

async function importText(text: string, name = 'backup.json'): Promise<BackupState> {
	const state = new BackupState();
	await state.importFile(new File([text], name, { type: 'application/json' }));
	return state;
}

afterEach(() => vi.unstubAllGlobals());

describe('an import on a nearly full disk', () => {
	let known: Awaited<ReturnType<typeof knownIds>>;
	async function knownIds() {
		const deck = await deckSummary();
		return { cardIds: new Set(deck.cardIds), scopes: new Set(['mixed', ...deck.topics.map((t) => t.id)]) };
	}
	beforeEach(async () => {
		known = await knownIds();
	});

	it('is refused before anything is written when the browser says it cannot fit, and says so', async () => {
		const { db } = openDevice();
		await answerCard(cards[3]!.id, 3, { now: t0 });
		const before = await snapshot(db);
		vi.stubGlobal('navigator', {
			storage: { estimate: async () => ({ usage: 9_900_000, quota: 10_000_000 }) }
		});
		const state = await importText(fileOf(1000), 'big.json');
		expect(state.error).toMatch(
			/^big\.json was not imported: it needs about 1 MB of storage, and this browser allows this site less than 0\.1 MB more\. Nothing was changed: your progress is as it was\./
		);
		expect(state.error).toContain('Not merged: 1,000 reviews, 1 card flag, 1 quiz.');
		expect(state.error).toContain('Free some space');
		expect(await snapshot(db)).toEqual(before);
	});

	it('goes ahead when the estimate leaves room', async () => {
		const { db } = openDevice();
		vi.stubGlobal('navigator', {
			storage: { estimate: async () => ({ usage: 1_000_000, quota: 100_000_000 }) }
		});
		const state = await importText(fileOf(1000));
		expect(state.error).toBeNull();
		expect(await db.reviews.count()).toBe(1000);
	});

	it('changes nothing, checked, when the first batch meets a quota error, and says so', async () => {
		const { db, control } = openDevice(1);
		await answerCard(cards[3]!.id, 3, { now: t0 });
		const before = await snapshot(db);
		control.failing = true;
		const state = await importText(fileOf(500), 'full.json');
		expect(state.error).toBe(
			'full.json was not imported: the browser’s storage is full. Nothing was changed: your progress is as it was. ' +
				'Not merged: 500 reviews, 1 card flag, 1 quiz. Free some space on the disk (or clear other sites’ data), ' +
				'then import the file again: what is already here is skipped.'
		);
		expect(await snapshot(db)).toEqual(before);
	});

	it('keeps the whole batches written before a quota error, reports them exactly, and a second import finishes', async () => {
		// 12,000 reviews of 20 cards: two batches (16 cards, then 4), then the flags and quizzes.
		const text = fileOf(12_000);
		const read = await readBackup(text, known);
		if (!read.ok) throw new Error(read.message);

		const { db, control } = openDevice(2);
		control.failing = true;
		const outcome = await importBackup(read.backup);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		const s = outcome.shortfall;
		expect(s).toMatchObject({ full: true, verified: true, flagsLeft: 1, quizzesLeft: 1 });
		// Exactly what the summary says is in the database: whole cards, each with its state.
		expect(s.merged.reviewsAdded).toBe(16 * 600);
		expect(s.reviewsLeft).toBe(4 * 600);
		expect(await db.reviews.count()).toBe(s.merged.reviewsAdded);
		expect(await db.cardStates.count()).toBe(16);
		const stored = new Set((await db.reviews.toArray()).map((r) => r.cardId));
		expect(stored.size).toBe(16);
		expect(await db.quizzes.count()).toBe(0);

		const state = new BackupState();
		expect(state.error).toBeNull();
		const { describeShortfall } = await import('./backup.svelte.ts');
		expect(describeShortfall('long.json', s)).toBe(
			'long.json was imported only in part: the browser’s storage is full. Merged: 9,600 new reviews ' +
				'(the schedule of 16 cards rebuilt with them), each card whole. Not merged: 2,400 reviews, 1 card flag, ' +
				'1 quiz. Free some space on the disk (or clear other sites’ data), then import the file again: what is ' +
				'already here is skipped.'
		);

		// Space freed: the same file again adds the rest, and the result is that of one whole import.
		control.failing = false;
		const again = await importBackup(read.backup);
		expect(again).toMatchObject({ ok: true, summary: { reviewsAdded: 2400, reviewsKnown: 9600 } });
		const whole = openDevice();
		await importBackup(read.backup);
		expect(await snapshot(db)).toEqual(await snapshot(whole.db));
	}, 60_000);
});
