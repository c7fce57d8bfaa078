import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudyDatabase, useDatabase } from './index.ts';
import { answerCard, buryCard, rebuildAllStates, setSuspended } from './reviews.ts';
import { saveQuiz } from './quizzes.ts';
import { remapCards } from './remap.ts';
import { renameOnOpen } from './renames.ts';
import { exportFile, importFile } from '../backup/jobs.ts';
import { renameBackup } from '../backup/merge.ts';
import { mergeFlags, renameQuiz } from '../deck/renames.ts';
import type { CheckedBackup } from '../backup/format.ts';
import type { QuizRow } from '../model.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 1, 9).getTime();
/** The deck after the change: "merged" replaces "old-a" and "old-b". */
const renames = new Map([
	['old-a', 'merged'],
	['old-b', 'merged']
]);

const quiz = (over: Partial<QuizRow> = {}): QuizRow => ({
	id: 'q1',
	scope: 'mixed',
	seed: 1,
	startedAt: t0,
	finishedAt: t0 + 60_000,
	cardIds: ['old-a', 'other', 'old-b'],
	answers: [
		{ cardId: 'old-a', form: 'choice', given: 'x', correct: true },
		{ cardId: 'other', form: 'choice', given: 'y', correct: false },
		{ cardId: 'old-b', form: 'typed', given: 'z', correct: true }
	],
	score: 2,
	...over
});

/** A learner's history under the old ids, written by a version of the app that did not know the new card. */
async function historyUnderOldIds(): Promise<StudyDatabase> {
	const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db, new Map());
	await answerCard('old-a', 3, { now: t0 });
	await answerCard('old-a', 3, { now: t0 + 10 * 60_000 });
	await answerCard('old-b', 1, { now: t0 + DAY });
	await answerCard('old-a', 4, { now: t0 + 3 * DAY });
	await answerCard('other', 3, { now: t0 });
	await setSuspended('old-a', true);
	await new Promise((resolve) => setTimeout(resolve, 5));
	await buryCard('old-b', t0 + 5 * DAY);
	await saveQuiz(quiz());
	db.close();
	return db;
}

/** The same database opened by the version whose deck has the merged card. */
async function reopen(name: string): Promise<StudyDatabase> {
	const db = new StudyDatabase(name);
	useDatabase(db, renames);
	await db.open();
	return db;
}

let before: StudyDatabase;
beforeEach(async () => {
	before = await historyUnderOldIds();
});

describe('progress of merged cards, as the database opens', () => {
	it('moves reviews, the rebuilt state, flags and quizzes to the new card', async () => {
		const db = await reopen(before.name);
		const reviews = await db.reviews.orderBy('reviewedAt').toArray();
		expect(reviews.filter((r) => r.cardId === 'merged')).toHaveLength(4);
		expect(reviews.filter((r) => r.cardId.startsWith('old-'))).toEqual([]);
		expect(await db.cardStates.get('old-a')).toBeUndefined();
		expect(await db.cardStates.get('old-b')).toBeUndefined();
		// The state is the replay of the merged log: what a rebuild from the log gives.
		const state = await db.cardStates.get('merged');
		expect(state).toMatchObject({ reps: 4, lastReview: t0 + 3 * DAY });
		const other = await db.cardStates.get('other');
		await rebuildAllStates();
		expect(await db.cardStates.get('merged')).toEqual(state);
		expect(await db.cardStates.get('other')).toEqual(other);
		// The most recently changed flag: old-b's burial, made after old-a's suspension.
		expect(await db.cardFlags.toArray()).toEqual([
			expect.objectContaining({ cardId: 'merged', suspended: false, buriedUntil: t0 + 5 * DAY })
		]);
		expect(await db.quizzes.get('q1')).toMatchObject({
			cardIds: ['merged', 'other'],
			answers: [
				{ cardId: 'merged', given: 'x' },
				{ cardId: 'other', given: 'y' }
			],
			score: 1
		});
	});

	it('is idempotent: opening again, or running it again, changes nothing', async () => {
		const db = await reopen(before.name);
		const snapshot = async () => ({
			reviews: await db.reviews.toArray(),
			states: await db.cardStates.toArray(),
			flags: await db.cardFlags.toArray(),
			quizzes: await db.quizzes.toArray()
		});
		const first = await snapshot();
		expect(await remapCards(db, renames)).toBe(0);
		db.close();
		await db.open();
		expect(await snapshot()).toEqual(first);
	});

	it('moves rows a tab of an older version wrote under an old id after the move', async () => {
		const db = await reopen(before.name);
		db.close();
		const old = new StudyDatabase(before.name);
		useDatabase(old, new Map());
		await answerCard('old-b', 3, { now: t0 + 10 * DAY });
		old.close();
		const again = await reopen(before.name);
		expect(await again.reviews.where('cardId').equals('merged').count()).toBe(5);
		expect(await again.cardStates.get('merged')).toMatchObject({ reps: 5, lastReview: t0 + 10 * DAY });
		expect(await again.cardStates.get('old-b')).toBeUndefined();
	});

	it('is safe when two tabs move the rows at once', async () => {
		const one = new StudyDatabase(before.name);
		const two = new StudyDatabase(before.name);
		await Promise.all([one.open(), two.open()]);
		const moved = await Promise.all([remapCards(one, renames), remapCards(two, renames)]);
		expect(moved.sort()).toEqual([0, 1]);
		expect(await one.reviews.where('cardId').equals('merged').count()).toBe(4);
		expect(await one.reviews.count()).toBe(5);
		expect(await one.cardFlags.count()).toBe(1);
	});

	it('does nothing, and waits for nothing, when the deck replaces no card', async () => {
		expect(renameOnOpen(before, new Map())).toBeUndefined();
	});
});

describe('renaming rows (pure)', () => {
	it('keeps the most recently changed flag of the merged cards', () => {
		const flags = [
			{ cardId: 'old-a', suspended: true, buriedUntil: 0, updatedAt: 2 },
			{ cardId: 'old-b', suspended: false, buriedUntil: 9, updatedAt: 1 },
			{ cardId: 'other', suspended: true, buriedUntil: 0, updatedAt: 1 }
		];
		expect(mergeFlags(renames, flags)).toEqual([
			{ cardId: 'merged', suspended: true, buriedUntil: 0, updatedAt: 2 },
			{ cardId: 'other', suspended: true, buriedUntil: 0, updatedAt: 1 }
		]);
	});

	it('leaves a quiz of other cards alone, and keeps an unfinished quiz’s score', () => {
		expect(renameQuiz(renames, quiz({ cardIds: ['other'], answers: [] }))).toBeNull();
		expect(renameQuiz(renames, quiz({ finishedAt: null, score: 0 }))).toMatchObject({
			cardIds: ['merged', 'other'],
			score: 0
		});
	});
});

describe('a backup made before the merge', () => {
	it('imports its rows under the new card, with the state replayed from the merged log', async () => {
		useDatabase(before, new Map());
		await before.open();
		const file = (await exportFile({ appVersion: 'test', exportedAt: t0 + 30 * DAY })).file;
		before.close();

		const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
		useDatabase(db, renames);
		await answerCard('merged', 3, { now: t0 + 20 * DAY });
		const result = await importFile(file, {
			cardIds: new Set(['merged', 'other', 'old-a', 'old-b']),
			renamed: renames,
			scopes: new Set(['mixed'])
		});
		expect(result).toMatchObject({ ok: true, summary: { reviewsAdded: 5 } });
		expect(await db.reviews.where('cardId').anyOf(['old-a', 'old-b']).count()).toBe(0);
		expect(await db.reviews.where('cardId').equals('merged').count()).toBe(5);
		expect(await db.cardStates.get('merged')).toMatchObject({ reps: 5, lastReview: t0 + 20 * DAY });
		expect(await db.cardFlags.toArray()).toEqual([expect.objectContaining({ cardId: 'merged' })]);
		expect((await db.quizzes.get('q1'))?.cardIds).toEqual(['merged', 'other']);
	});

	it('is refused when it names a card the deck neither has nor replaced, and leaves a file without old ids as it is', async () => {
		const backup: CheckedBackup = {
			version: 1,
			appVersion: 'test',
			exportedAt: t0,
			settings: {},
			cardFlags: [],
			quizzes: [],
			reviews: []
		};
		expect(renameBackup(renames, backup)).toBe(backup);
		useDatabase(before, new Map());
		await before.open();
		const file = (await exportFile({ appVersion: 'test', exportedAt: t0 + 30 * DAY })).file;
		const result = await importFile(file, {
			cardIds: new Set(['merged', 'other']),
			renamed: new Map(),
			scopes: new Set(['mixed'])
		});
		expect(result).toMatchObject({ ok: false, message: expect.stringContaining('this deck does not have') });
	});
});
