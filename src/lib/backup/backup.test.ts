import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { cards, documents, topics } from '../deck/deck.ts';
import { BackupState } from './backup.svelte.ts';
import { importBackup, readBackupData } from '../db/backup.ts';
import { exportFile } from './jobs.ts';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { addCardsToReview, allStates, answerCard, setSuspended } from '../db/reviews.ts';
import { loadSettings, saveSettings } from '../db/settings.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { APP_VERSION } from '../version.ts';
import { ankiDeckText, ankiField } from './anki.ts';
import {
	BACKUP_FORMAT,
	decodeReviews,
	encodeBackup,
	MAX_BACKUP_BYTES,
	serializeBackup,
	type BackupV1,
	type BackupV2,
	type CheckedBackup
} from './format.ts';
import { planMerge } from './merge.ts';
import { REMIND_AFTER_MS, shouldSuggestBackup } from './reminder.ts';
import { readBackup, type KnownIds } from './validate.ts';
import type { ReviewRow } from '../model.ts';
import { reviewRow } from '../../../tests/unit/rows.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 1, 9).getTime();
const [A, B, C, D] = cards.map((c) => c.id) as [string, string, string, string];

/** Review `i` of a long synthetic log: one a minute over the first 20 cards, with the values a review logs. */
function minuteReview(i: number, rating: 0 | 3): ReviewRow {
	return reviewRow(`r${i}`, cards[i % 20]!.id, rating, t0 + i * 60_000);
}

function openDevice(): StudyDatabase {
	const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
	return db;
}

async function exportText(exportedAt = t0 + 30 * DAY): Promise<string> {
	return (await exportFile({ appVersion: APP_VERSION, exportedAt })).file.text();
}

/** What this app wrote before version 2: every review row as stored. */
async function exportTextV1(exportedAt = t0 + 30 * DAY): Promise<string> {
	const file: BackupV1 = {
		format: BACKUP_FORMAT,
		version: 1,
		appVersion: '0.1.0',
		exportedAt,
		...(await readBackupData())
	};
	return JSON.stringify(file);
}

async function importText(text: string, name = 'backup.json'): Promise<BackupState> {
	const state = new BackupState();
	await state.importFile(new File([text], name, { type: 'application/json' }));
	return state;
}

/** Everything in the database, to show that a refused file changed nothing. */
async function snapshot(db: StudyDatabase) {
	return {
		reviews: await db.reviews.orderBy('id').toArray(),
		cardStates: await db.cardStates.orderBy('cardId').toArray(),
		cardFlags: await db.cardFlags.toArray(),
		quizzes: await db.quizzes.toArray(),
		settings: await db.settings.toArray()
	};
}

/** Some history on the current device: answers over a month, a flag, a finished quiz. */
async function studyOnThisDevice(ids: string[], start = t0) {
	for (const [i, id] of ids.entries()) {
		await answerCard(id, 3, { now: start + i * 1000 });
		await answerCard(id, 3, { now: start + i * 1000 + 10 * 60_000 });
		await answerCard(id, i % 2 ? 1 : 4, { now: start + 4 * DAY + i * 1000 });
	}
}

let db: StudyDatabase;
beforeEach(() => {
	db = openDevice();
});

describe('export and import', () => {
	it('writes a version 2 file: the log as columns of what a replay cannot give back', async () => {
		await studyOnThisDevice([A, B]);
		await addCardsToReview([A], t0 + 9 * DAY);
		await setSuspended(C, true);
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 15 });
		const text = await exportText();
		const parsed = JSON.parse(text) as BackupV2;
		expect(parsed).toMatchObject({ format: BACKUP_FORMAT, version: 2, appVersion: APP_VERSION });
		expect(Object.keys(parsed.reviews)).toEqual(['id', 'card', 'rating', 'reviewedAt', 'durationMs']);
		expect(parsed.reviews.id).toHaveLength(7);
		expect(new Set(parsed.reviews.card.map((i) => parsed.cardIds[i]))).toEqual(new Set([A, B]));
		expect(parsed.cardIds).toHaveLength(2);
		// The one "made due" review, with the state and due date it set.
		expect(parsed.madeDue.review).toEqual([parsed.reviews.rating.indexOf(0)]);
		expect(parsed.madeDue.due).toEqual([t0 + 9 * DAY]);
		expect(parsed.settings.srs?.newPerDay).toBe(15);
		expect(parsed.cardFlags.map((f) => f.cardId)).toEqual([C]);
		// Each column on a line of its own; far smaller than the rows as stored.
		expect(text.split('\n').filter((l) => l.startsWith('"rating":['))).toHaveLength(1);
		expect(text.length).toBeLessThan((await exportTextV1()).length / 2);
	});

	it('encodes and decodes the log without losing what a replay needs', async () => {
		await studyOnThisDevice([A, B, C]);
		await addCardsToReview([B, D], t0 + 8 * DAY);
		const data = await readBackupData();
		const file = encodeBackup(data, { appVersion: APP_VERSION, exportedAt: t0 + 30 * DAY });
		const reread = JSON.parse(serializeBackup(file).join('')) as BackupV2;
		expect(reread).toEqual(file);
		const decoded = decodeReviews(reread);
		expect(decoded).toEqual(
			data.reviews.map((r) => ({
				id: r.id,
				cardId: r.cardId,
				rating: r.rating,
				reviewedAt: r.reviewedAt,
				durationMs: r.durationMs,
				...(r.rating === 0 ? { state: r.state, due: r.due } : {})
			}))
		);
	});

	it('carries the days the load balancer chose, so an import gives the same due dates; older files still import', async () => {
		// Ten new cards answered Easy at once: the balancer spreads their reviews over the days of one fuzz range.
		for (const [i, id] of cards.slice(0, 10).entries()) await answerCard(id.id, 4, { now: t0 + i * 1000 });
		const written = await snapshot(db);
		const moved = written.reviews.filter((r) => r.scheduledDue !== undefined);
		expect(moved.length).toBeGreaterThan(0);
		const text = await exportText();
		const parsed = JSON.parse(text) as BackupV2;
		expect(parsed.scheduledDue!.due).toEqual(
			parsed.scheduledDue!.review.map((i) => moved.find((r) => r.id === parsed.reviews.id[i])!.scheduledDue)
		);

		const target = openDevice();
		expect((await importText(text)).error).toBeNull();
		expect(await snapshot(target)).toEqual(written);

		// A file written before the days were kept: the due dates fuzz draws, and no row claims a chosen day.
		const older = JSON.parse(text) as BackupV2;
		delete older.scheduledDue;
		const old = openDevice();
		expect((await importText(JSON.stringify(older))).error).toBeNull();
		const imported = await snapshot(old);
		expect(imported.reviews.every((r) => r.scheduledDue === undefined)).toBe(true);
		const movedCard = moved[0]!.cardId;
		const due = (rows: typeof written) => rows.cardStates.find((s) => s.cardId === movedCard)!.due;
		expect(due(imported)).not.toBe(due(written));

		// A chosen day on a made-due review, or before its answer, is refused.
		const bad = (edit: (b: BackupV2) => void) => {
			const b = JSON.parse(text) as BackupV2;
			edit(b);
			const known = { cardIds: new Set(cards.map((c) => c.id)), scopes: new Set<string>() };
			return readBackup(JSON.stringify(b), known).then((r) => (r.ok ? 'accepted' : r.message));
		};
		expect(await bad((b) => (b.scheduledDue!.due[0] = t0 - DAY))).toMatch(
			/^scheduledDue\.due\[0\] is not after review \d+, which it moves$/
		);
		expect(await bad((b) => b.scheduledDue!.due.push(t0 + 9 * DAY))).toMatch(
			/^scheduledDue\.due has \d+ values, but scheduledDue\.review has \d+/
		);
		expect(await bad((b) => (b.scheduledDue!.review[0] = 99))).toMatch(
			/^scheduledDue\.review\[0\] must be the index of a review \(0 to 9\)/
		);
	});

	it('carries the FSRS parameters, easy days, load balancing and leech setting, and reads files without them', async () => {
		const parameters = Array.from({ length: 21 }, (_, i) => Math.round((0.1 + i * 0.37) * 10_000) / 10_000);
		const settings = {
			...DEFAULT_SETTINGS,
			parameters,
			easyDays: [0, 6],
			loadBalance: false,
			leechAction: 'tag' as const
		};
		expect((await saveSettings(settings)).ok).toBe(true);
		await studyOnThisDevice([A, B]);
		const text = await exportText();
		expect((JSON.parse(text) as BackupV2).settings.srs?.parameters).toEqual(parameters);

		openDevice();
		const state = await importText(text);
		expect(state.error).toBeNull();
		expect(await loadSettings()).toEqual(settings);

		// A file from before these settings: the defaults.
		const older = JSON.parse(text) as BackupV2;
		for (const key of ['parameters', 'easyDays', 'loadBalance', 'leechAction']) {
			delete (older.settings.srs as unknown as Record<string, unknown>)[key];
		}
		openDevice();
		expect((await importText(JSON.stringify(older))).error).toBeNull();
		expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);

		// Parameters that are not 21 numbers are refused, and nothing changes.
		const bad = JSON.parse(text) as BackupV2;
		bad.settings.srs!.parameters = parameters.slice(1);
		const device = openDevice();
		const refused = await importText(JSON.stringify(bad));
		expect(refused.error).toContain('settings.srs.parameters: The FSRS parameters must be 21 finite numbers');
		expect((await snapshot(device)).reviews).toEqual([]);
	});

	it('still reads version 1 files', async () => {
		await studyOnThisDevice([A, B, C]);
		await addCardsToReview([C], t0 + 8 * DAY);
		await setSuspended(D, true);
		const states = await allStates();
		const text = await exportTextV1();
		const fresh = openDevice();
		const state = await importText(text);
		expect(state.error).toBeNull();
		expect(state.notice).toContain('Imported 10 new reviews, 1 card flag');
		expect(await allStates()).toEqual(states);
		expect((await snapshot(fresh)).reviews).toEqual((await snapshot(db)).reviews);
		expect((await snapshot(fresh)).cardFlags).toEqual((await snapshot(db)).cardFlags);
	});

	it('gives exactly the same schedule and log in an empty browser', async () => {
		// The schedule is the log replayed with the settings: set before studying, they are the ones in force.
		await saveSettings({ ...DEFAULT_SETTINGS, learningSteps: ['2m', '15m'], desiredRetention: 0.85 });
		await studyOnThisDevice([A, B, C, D]);
		await addCardsToReview([A, cards[5]!.id], t0 + 10 * DAY);
		await answerCard(A, 2, { now: t0 + 10 * DAY + 60_000 });
		const states = await allStates();
		const text = await exportText();

		const fresh = openDevice();
		const state = await importText(text);
		expect(state.error).toBeNull();
		expect(state.notice).toContain('15 new reviews');
		expect(state.notice).toContain('The schedule was rebuilt for 5 cards.');
		expect(await allStates()).toEqual(states);
		expect((await loadSettings()).desiredRetention).toBe(0.85);
		expect((await snapshot(fresh)).reviews).toEqual((await snapshot(db)).reviews);
	});

	it('loses nothing and repeats nothing when the same file is imported twice', async () => {
		await studyOnThisDevice([A, B]);
		const text = await exportText();
		const target = openDevice();
		await importText(text);
		const once = await snapshot(target);
		expect(once.reviews).toHaveLength(6);
		const again = await importText(text);
		expect(again.error).toBeNull();
		expect(again.notice).toContain('0 new reviews (6 reviews already here)');
		expect(await snapshot(target)).toEqual(once);
	});

	it('merges two devices into one log, and the schedule is what one device answering everything would have', async () => {
		// Device 1 studies A and B; device 2 studies B (separately) and C.
		await studyOnThisDevice([A, B]);
		const one = await exportText();
		const device2 = openDevice();
		await studyOnThisDevice([B, C], t0 + 2 * DAY);
		const two = await exportText();

		// Both files into a third browser, in either order, give the same result.
		const merged: Awaited<ReturnType<typeof snapshot>>[] = [];
		for (const files of [
			[one, two],
			[two, one]
		]) {
			const third = openDevice();
			for (const f of files) expect((await importText(f)).error).toBeNull();
			merged.push(await snapshot(third));
		}
		expect(merged[0]).toEqual(merged[1]);
		expect(merged[0]!.reviews).toHaveLength(12);
		// Card B's two overlapping histories are one log, replayed in time order.
		const bReviews = merged[0]!.reviews.filter((r) => r.cardId === B);
		expect(bReviews).toHaveLength(6);
		expect(merged[0]!.cardStates.find((s) => s.cardId === B)!.reps).toBe(6);

		// Importing device 1's file into device 2 gives device 2 the same merged log.
		useDatabase(device2);
		await importText(one);
		expect((await snapshot(device2)).reviews).toEqual(merged[0]!.reviews);
		expect((await snapshot(device2)).cardStates).toEqual(merged[0]!.cardStates);
	});

	it('keeps the newer card flag, quizzes as a set by id, and local settings unless there are none', async () => {
		const flag = (cardId: string, suspended: boolean, updatedAt: number) => ({
			cardId,
			suspended,
			buriedUntil: 0,
			updatedAt
		});
		const quiz = (id: string, finishedAt: number | null) => ({
			id,
			scope: topics[0]!.id,
			seed: 3,
			startedAt: t0,
			finishedAt,
			cardIds: [A, B],
			answers: [{ cardId: A, form: 'typed' as const, given: 'x', correct: false }],
			score: 0
		});
		const backup: CheckedBackup = {
			version: 1,
			appVersion: '0.0.1',
			exportedAt: t0,
			settings: { srs: { ...DEFAULT_SETTINGS, newPerDay: 3 }, knowledgeMap: false },
			cardFlags: [flag(A, true, 200), flag(B, true, 50), flag(C, true, 10)],
			quizzes: [quiz('q-new', t0 + 1), quiz('q-open-here', t0 + 2), quiz('q-same', t0 + 3)],
			reviews: []
		};
		const plan = planMerge(backup, {
			reviewIds: new Set(),
			flags: new Map([
				[A, flag(A, false, 100)],
				[B, flag(B, false, 100)]
			]),
			quizzes: new Map([
				['q-open-here', quiz('q-open-here', null)],
				['q-same', { ...quiz('q-same', t0 + 9), score: 2 }]
			]),
			settingKeys: new Set(['srs'])
		});
		expect(plan.flags.map((f) => f.cardId)).toEqual([A, C]);
		expect(plan.quizzes.map((q) => q.id)).toEqual(['q-new', 'q-open-here']);
		expect(plan.settings).toEqual([{ key: 'knowledgeMap', value: false }]);

		// Through the database: a browser with its own settings keeps them.
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 42 });
		await importBackup(backup);
		expect((await loadSettings()).newPerDay).toBe(42);
		expect(await db.quizzes.count()).toBe(3);
		await importBackup(backup);
		expect(await db.quizzes.count()).toBe(3);
		// A browser with none takes the file's.
		openDevice();
		await importBackup(backup);
		expect((await loadSettings()).newPerDay).toBe(3);
	});

	it('changes nothing when writing fails half-way', async () => {
		await studyOnThisDevice([A]);
		const text = await exportText();
		const target = openDevice();
		await studyOnThisDevice([B]);
		const before = await snapshot(target);
		const put = target.cardStates.bulkPut.bind(target.cardStates);
		target.cardStates.bulkPut = (() => Promise.reject(new Error('disk full'))) as unknown as typeof put;
		const state = await importText(text);
		target.cardStates.bulkPut = put;
		expect(state.error).toContain('disk full');
		expect(state.error).toContain('Nothing was changed');
		expect(await snapshot(target)).toEqual(before);
	});

	it('reports its progress while checking and writing a long file', async () => {
		const rows = Array.from({ length: 12_000 }, (_, i) => minuteReview(i, 3));
		const text = JSON.stringify({
			format: BACKUP_FORMAT,
			version: 1,
			appVersion: '0.1.0',
			exportedAt: t0 + 20 * DAY,
			settings: {},
			cardFlags: [],
			quizzes: [],
			reviews: rows
		});
		const state = new BackupState();
		const seen = new Set<string>();
		const values: number[] = [];
		const watch = setInterval(() => {
			if (state.progress) {
				seen.add(state.progress.label);
				values.push(state.progress.value);
			}
		}, 0);
		await state.importFile(new File([text], 'long.json'));
		clearInterval(watch);
		expect(state.error).toBeNull();
		expect(await db.reviews.count()).toBe(12_000);
		expect(seen).toContain('Checking the file');
		expect(values.length).toBeGreaterThan(2);
		expect(values).toEqual([...values].sort((a, b) => a - b));
		expect(state.progress).toBeNull();
		// 12,000 reviews through fake-indexeddb: seconds on a busy machine.
	}, 60_000);
});

describe('a file that is not a valid backup', () => {
	const known: KnownIds = {
		cardIds: new Set(cards.map((c) => c.id)),
		scopes: new Set(['mixed', ...topics.map((t) => t.id), ...documents.map((d) => d.id)])
	};
	async function validBackup(): Promise<Record<string, unknown>> {
		// Version 2 unless a case asks for version 1.
		const source = openDevice();
		await studyOnThisDevice([A, B]);
		await setSuspended(C, true);
		await source.quizzes.add({
			id: 'quiz-1',
			scope: 'mixed',
			seed: 5,
			startedAt: t0,
			finishedAt: t0 + 60_000,
			cardIds: [A, B],
			answers: [{ cardId: A, form: 'choice', given: 'x', correct: true }],
			score: 1
		});
		await addCardsToReview([D], t0 + 9 * DAY);
		await saveSettings(DEFAULT_SETTINGS);
		return JSON.parse(await (version === 1 ? exportTextV1() : exportText())) as Record<string, unknown>;
	}
	type Edit = (b: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
	let version: 1 | 2 = 2;
	const edited = async (edit: Edit) => {
		const b = await validBackup();
		edit(b);
		return JSON.stringify(b);
	};
	/** The same edit to a version 1 file (rows as stored). */
	const editedV1 = async (edit: Edit) => {
		version = 1;
		try {
			return await edited(edit);
		} finally {
			version = 2;
		}
	};

	const cases: [string, () => Promise<string | File>, RegExp][] = [
		['not JSON', async () => 'card,answer\nfoo,bar', /not JSON/],
		['JSON but no object', async () => '[1, 2, 3]', /not a backup: it holds no backup object/],
		[
			'another format',
			async () => edited((b) => (b.format = 'anki-collection')),
			/“anki-collection” file, not a backup/
		],
		['no format', async () => JSON.stringify({ reviews: [] }), /no "format": "kz-tm-study-backup"/],
		[
			'a newer version',
			async () => edited((b) => (b.version = 3)),
			/version 3, written by a newer version of the app; this app reads versions 1 to 2/
		],
		['an unknown version', async () => edited((b) => (b.version = '2')), /version is "2"/],
		['version 1 columns', async () => edited((b) => (b.version = 1)), /reviews must be a list, not \{"id"/],
		['version 2 rows', async () => editedV1((b) => (b.version = 2)), /^.*: cardIds is missing/],
		[
			'unknown card ids',
			async () =>
				edited((b) => {
					b.cardIds[0] = 'no-such-card';
					b.cardFlags[0].cardId = 'another-missing-card';
				}),
			/names 2 cards this deck does not have: “no-such-card”, “another-missing-card”/
		],
		[
			'a card index out of range',
			async () => edited((b) => (b.reviews.card[4] = 3)),
			/reviews\.card\[4\] must be the index of one of the 3 cardIds \(0 to 2\), not 3/
		],
		[
			'a card index that is not a whole number',
			async () => edited((b) => (b.reviews.card[1] = 0.5)),
			/reviews\.card\[1\] must be the index of one of the 3 cardIds \(0 to 2\), not 0\.5/
		],
		[
			'a column shorter than the others',
			async () => edited((b) => b.reviews.rating.pop()),
			/reviews\.rating has 6 values, but reviews\.id has 7: every column has one value per review/
		],
		[
			'a column that is not a list',
			async () => edited((b) => (b.reviews.durationMs = 5)),
			/reviews\.durationMs must be a list, not 5/
		],
		[
			'a missing column',
			async () => edited((b) => delete b.reviews.reviewedAt),
			/reviews\.reviewedAt is missing/
		],
		[
			'an unknown column',
			async () => edited((b) => (b.reviews.stability = [])),
			/reviews has the key “stability”, which a backup does not have/
		],
		[
			'an unknown key at the top',
			async () => edited((b) => (b.notes = 'mine')),
			/the file has the key “notes”, which a backup does not have/
		],
		[
			'a rating out of range',
			async () => edited((b) => (b.reviews.rating[3] = 7)),
			/reviews\.rating\[3\] must be a whole number from 0 to 4, not 7/
		],
		[
			'a time out of range',
			async () => edited((b) => (b.reviews.reviewedAt[1] = -5)),
			/reviews\.reviewedAt\[1\] must be a time from 2000 to 2100, in epoch milliseconds, not -5/
		],
		[
			'a bad review id',
			async () => edited((b) => (b.reviews.id[2] = 'a b')),
			/reviews\.id\[2\] must be 1 to 100 letters, digits, “-” or “_”, not "a b"/
		],
		[
			'a repeated review id',
			async () => edited((b) => (b.reviews.id[4] = b.reviews.id[1])),
			/reviews\.id\[4\] repeats the id/
		],
		[
			'a repeated card id',
			async () => edited((b) => (b.cardIds[1] = b.cardIds[0])),
			/cardIds\[1\] repeats the card/
		],
		[
			'a made-due review missing from madeDue',
			async () =>
				edited((b) => {
					b.madeDue = { review: [], state: [], due: [] };
				}),
			/reviews\.rating\[\d\] is 0 \(made due\), but madeDue\.review does not list review \d/
		],
		[
			'madeDue naming an answer',
			async () => edited((b) => (b.reviews.rating[b.madeDue.review[0]] = 3)),
			/madeDue\.review\[0\] is review \d, whose rating is 3, not 0 \(made due\)/
		],
		[
			'madeDue columns of different lengths',
			async () => edited((b) => b.madeDue.due.push(t0)),
			/madeDue\.due has 2 values, but madeDue\.review has 1/
		],
		[
			'a made-due state out of range',
			async () => edited((b) => (b.madeDue.state[0] = 4)),
			/madeDue\.state\[0\] must be a whole number from 0 to 3, not 4/
		],
		[
			'version 1: a rating out of range',
			async () => editedV1((b) => (b.reviews[3].rating = 7)),
			/reviews\[3\]\.rating must be a whole number from 0 to 4, not 7/
		],
		[
			'version 1: a difficulty out of range',
			async () => editedV1((b) => (b.reviews[0].difficulty = 11)),
			/reviews\[0\]\.difficulty must be a number from 0 to 10, not 11/
		],
		[
			'version 1: a missing field',
			async () => editedV1((b) => delete b.reviews[2].durationMs),
			/reviews\[2\]\.durationMs is missing/
		],
		[
			'version 1: an unexpected key',
			async () => editedV1((b) => (b.reviews[0].mood = 'happy')),
			/reviews\[0\] has the key “mood”, which a backup does not have/
		],
		[
			'version 1: a repeated review id',
			async () => editedV1((b) => (b.reviews[4].id = b.reviews[1].id)),
			/reviews\[4\] repeats the id/
		],
		[
			'version 1: a __proto__ key in a row',
			async () =>
				(await editedV1(() => {})).replace(
					'"reviews":[{"id"',
					'"reviews":[{"__proto__":{"polluted":true},"id"'
				),
			/reviews\[0\] has the key “__proto__”, which a backup never has/
		],
		[
			'a field of the wrong type',
			async () => edited((b) => (b.cardFlags[0].suspended = 'yes')),
			/cardFlags\[0\]\.suspended must be true or false, not "yes"/
		],
		[
			'a bad setting',
			async () => edited((b) => (b.settings.srs.desiredRetention = 2)),
			/settings\.srs\.desiredRetention: Desired retention must be a number from 0\.70 to 0\.99/
		],
		[
			'a quiz score above its cards',
			async () => edited((b) => (b.quizzes[0].score = 5)),
			/quizzes\[0\]\.score 5 is more than its 2 cards/
		],
		[
			'an unknown quiz scope',
			async () => edited((b) => (b.quizzes[0].scope = 'astrology')),
			/quizzes\[0\]\.scope “astrology” is not a topic/
		],
		[
			'a __proto__ key in the columns',
			async () =>
				(await edited(() => {})).replace('"reviews":{', '"reviews":{"__proto__":{"polluted":true},'),
			/reviews has the key “__proto__”, which a backup never has/
		],
		[
			'a __proto__ key at the top',
			async () => (await edited(() => {})).replace('{"format"', '{"__proto__":{"polluted":true},"format"'),
			/the file has the key “__proto__”, which a backup never has/
		],
		[
			'a __proto__ key in the settings',
			async () => (await edited(() => {})).replace('"srs":{', '"srs":{"__proto__":{"polluted":true},'),
			/settings\.srs has the key “__proto__”, which a backup never has/
		],
		[
			'over 20 MB',
			async () => new File([new Uint8Array(MAX_BACKUP_BYTES + 1024 * 1024)], 'huge.json'),
			/The file is 21 MB; a backup can be at most 20 MB/
		]
	];

	it.each(cases)('is refused whole with a message saying what is wrong: %s', async (_, make, message) => {
		const file = await make();
		// This browser has its own progress, which must stay exactly as it was.
		const target = openDevice();
		await studyOnThisDevice([D], t0 + 9 * DAY);
		await setSuspended(A, true);
		const before = await snapshot(target);

		const state = new BackupState();
		await state.importFile(typeof file === 'string' ? new File([file], 'bad.json') : file);
		expect(state.error).toMatch(message);
		expect(state.error).toMatch(/was not imported: .* Nothing was changed\.$/s);
		expect(state.notice).toBe('');
		expect(await snapshot(target)).toEqual(before);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		if (typeof file === 'string') expect((await readBackup(file, known)).ok).toBe(false);
	});

	it('accepts the valid file the bad ones were made from', async () => {
		const text = await edited(() => {});
		const read = await readBackup(text, known);
		expect(read.ok).toBe(true);
		openDevice();
		const state = await importText(text);
		expect(state.error).toBeNull();
		expect(state.notice).toContain('Imported 7 new reviews, 1 card flag, 1 quiz, the settings.');
	});

	it('names the first bad value of a column, and the first problem of the settings', async () => {
		const message = async (edit: Edit) => {
			const read = await readBackup(await edited(edit), known);
			return read.ok ? 'accepted' : read.message;
		};
		expect(await message((b) => (b.cardIds[1] = 5))).toBe(
			'cardIds[1] must be text of at most 200 characters, not 5'
		);
		expect(await message((b) => (b.reviews.id[0] = 7))).toBe(
			'reviews.id[0] must be 1 to 100 letters, digits, “-” or “_”, not 7'
		);
		expect(await message((b) => (b.reviews.durationMs[2] = 600_001))).toBe(
			'reviews.durationMs[2] must be a whole number from 0 to 600000, not 600001'
		);
		expect(await message((b) => (b.madeDue.due[0] = '2026'))).toBe(
			'madeDue.due[0] must be a time from 2000 to 2300, in epoch milliseconds, not "2026"'
		);
		// madeDue.review ascends; a value out of range before the one that does not is named first.
		const twice = (b: Record<string, number[]>, first: number) => {
			b.review!.unshift(first);
			b.state!.push(1);
			b.due!.push(t0);
		};
		expect(await message((b) => twice(b.madeDue, b.madeDue.review[0]))).toMatch(
			/^madeDue\.review\[1\] must be the index of a review \(0 to 6\), each after the one before, not \d$/
		);
		expect(await message((b) => twice(b.madeDue, 7))).toBe(
			'madeDue.review[0] must be the index of a review (0 to 6), each after the one before, not 7'
		);

		expect(await message((b) => (b.settings.srs = []))).toBe('settings.srs must be an object, not []');
		expect(await message((b) => delete b.settings.srs.fuzz)).toBe(
			'settings.srs.fuzz: Fuzz must be on or off.'
		);
		expect(await message((b) => (b.settings.srs.newPerDay = '12'))).toBe('accepted');
		// A key a backup does not have comes first, then the first bad field in the settings' order.
		expect(
			await message((b) => Object.assign(b.settings.srs, { dayStartHour: 24, newPerDay: -1, mood: 'calm' }))
		).toBe('settings.srs has the key “mood”, which a backup does not have');
		expect(await message((b) => Object.assign(b.settings.srs, { dayStartHour: 24, newPerDay: -1 }))).toBe(
			'settings.srs.newPerDay: New cards a day must be a whole number from 0 to 9999.'
		);
	});

	it('checks a long version 2 log in slices, pausing between them and reporting its progress', async () => {
		const reviews = Array.from({ length: 50_000 }, (_, i) => minuteReview(i, i % 100 === 0 ? 0 : 3));
		const header = { appVersion: '0.1.0', exportedAt: t0 + 40 * DAY };
		const text = serializeBackup(encodeBackup({ settings: {}, cardFlags: [], quizzes: [], reviews }, header));
		const values: number[] = [];
		let pauses = 0;
		const read = await readBackup(text.join(''), known, {
			onProgress: (f) => values.push(f),
			pause: async () => void pauses++
		});
		expect(read.ok).toBe(true);
		expect(read.ok && read.backup.reviews).toHaveLength(50_000);
		// 5 columns of 50,000 values, 20,000 a slice.
		expect(pauses).toBeGreaterThanOrEqual(12);
		expect(values).toEqual([...values].sort((a, b) => a - b));
		expect(values.at(-1)).toBe(1);
	});
});

describe('the deck for Anki', () => {
	it('writes the header lines and one line of five columns per card', () => {
		const text = ankiDeckText(cards, documents, 'Deck');
		const lines = text.trimEnd().split('\n');
		expect(lines.slice(0, 6)).toEqual([
			'#separator:tab',
			'#html:false',
			'#deck:Deck',
			'#columns:Question\tAnswer\tTags\tSource\tGUID',
			'#tags column:3',
			'#guid column:5'
		]);
		const card = cards[0]!;
		const doc = documents.find((d) => d.id === card.refs[0]!.document)!;
		expect(text).toContain(
			`${ankiField(card.question)}\t${ankiField(card.answer)}\t${card.topics.join(' ')}\t`
		);
		expect(text).toContain(`“${card.refs[0]!.quote}” — ${doc.title}`);
		// A field with a line break spans lines inside its quotes; every other line is one card.
		const single = cards.filter((c) => c.refs.length === 1);
		for (const c of single.slice(0, 5)) expect(text).toContain(`\t${c.id}\n`);
	});

	it('quotes fields holding tabs, line breaks or quotes, and a leading #', () => {
		expect(ankiField('plain text')).toBe('plain text');
		expect(ankiField('a\tb')).toBe('"a\tb"');
		expect(ankiField('line one\nline two')).toBe('"line one\nline two"');
		expect(ankiField('say "hi"')).toBe('"say ""hi"""');
		expect(ankiField('#1 answer')).toBe('"#1 answer"');
		const text = ankiDeckText(
			[{ ...cards[0]!, question: 'Q\twith tab', answer: 'A\r\nwith break', topics: ['t1', 't2'] }],
			documents,
			'Deck'
		);
		expect(text.split('\n').slice(6).join('\n')).toMatch(/^"Q\twith tab"\t"A\r\nwith break"\tt1 t2\t/);
	});
});

describe('the backup suggestion', () => {
	const week = REMIND_AFTER_MS;
	it('comes after a week of studying without a backup, once', () => {
		const base = { now: t0 + week, lastBackupAt: null, dismissedAt: null };
		expect(shouldSuggestBackup({ ...base, firstReviewSinceBackup: null })).toBe(false);
		expect(shouldSuggestBackup({ ...base, firstReviewSinceBackup: t0 + 1 })).toBe(false);
		expect(shouldSuggestBackup({ ...base, firstReviewSinceBackup: t0 })).toBe(true);
		// Dismissed: quiet until the next backup…
		expect(shouldSuggestBackup({ ...base, firstReviewSinceBackup: t0, dismissedAt: t0 + week })).toBe(false);
		// …then again after a week of studying since it.
		expect(
			shouldSuggestBackup({
				now: t0 + 3 * week,
				lastBackupAt: t0 + week + 1,
				firstReviewSinceBackup: t0 + week + 2,
				dismissedAt: t0 + week
			})
		).toBe(true);
	});
});
