import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewRow } from '../model.ts';
import type { CheckedBackup } from '../backup/format.ts';
import { State } from '../srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { studyDays } from '../stats/days.ts';
import { EARLIER_SCHEMAS, StudyDatabase, useDatabase } from './index.ts';
import {
	addCardsToReview,
	answerCard,
	allStates,
	rebuildAllStates,
	resetProgress,
	undoReview
} from './reviews.ts';
import { importBackup } from './backup.ts';
import { applyArrived, type SyncChange } from './sync.ts';
import { restoreAnswer } from './recover.ts';
import { remapCards } from './remap.ts';
import { answerFutureNow } from './future.ts';
import { saveSettings } from './settings.ts';
import { answersPerDay, reviewAnswerCounts } from './stats.ts';
import { countRowsOf, DAY_MS } from './counts.ts';
import { cardSetRowsOf } from './card-set.ts';
import { reviewRow } from '../../../tests/unit/rows.ts';

const HOUR = 3_600_000;
const t0 = new Date(2026, 2, 1, 9).getTime();
const CARDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'old-a', 'old-b'];

function open(): StudyDatabase {
	const db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db, new Map());
	return db;
}

/** The stored counts, and the counts of the log recounted from scratch; the card set, and the one the states give. */
async function compare(db: StudyDatabase) {
	const [stored, log, set, stateIds] = await db.transaction(
		'r',
		[db.answerCounts, db.reviews, db.cardSet, db.cardStates],
		() =>
			Promise.all([
				db.answerCounts.orderBy('day').toArray(),
				db.reviews.toArray(),
				db.cardSet.orderBy('bucket').toArray(),
				db.cardStates.toCollection().primaryKeys()
			])
	);
	return { stored, recount: countRowsOf(log), set, expectedSet: cardSetRowsOf(stateIds as string[]) };
}

function random(seed: number) {
	let s = seed;
	const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
	};
}

function fileRow(id: string, cardId: string, rating: ReviewRow['rating'], reviewedAt: number): ReviewRow {
	return reviewRow(id, cardId, rating, reviewedAt, 1500);
}

const backupOf = (reviews: ReviewRow[]): CheckedBackup => ({
	version: 2,
	appVersion: 'test',
	exportedAt: t0,
	settings: {},
	cardFlags: [],
	quizzes: [],
	reviews
});

describe('answer counts kept by every write of the log', () => {
	it('equal a recount of the log after random sequences of every kind of write', async () => {
		const changed = new Set<string>();
		const kinds = new Set<string>();
		for (const seed of [1, 2, 3]) {
			const db = open();
			const rnd = random(seed);
			let clock = t0;
			let made = 0;
			const snapshot = async () =>
				JSON.stringify([
					await db.reviews.orderBy('id').toArray(),
					await db.cardStates.orderBy('cardId').toArray()
				]);
			const ids = async () => (await db.reviews.toCollection().primaryKeys()) as string[];
			const ops: [string, () => Promise<unknown>][] = [
				[
					'answer',
					() =>
						answerCard(rnd.pick(CARDS), (1 + rnd.int(4)) as 1 | 2 | 3 | 4, {
							now: clock,
							durationMs: rnd.int(30_000)
						})
				],
				[
					'undo',
					async () => {
						const all = await ids();
						if (all.length) await undoReview(rnd.pick(all));
					}
				],
				['made due', () => addCardsToReview([rnd.pick(CARDS), rnd.pick(CARDS)], clock)],
				[
					'import',
					async () => {
						const known = await db.reviews.toArray();
						const rows = Array.from({ length: 1 + rnd.int(20) }, () =>
							fileRow(
								`f${made++}`,
								rnd.pick(CARDS),
								(1 + rnd.int(4)) as 1 | 2 | 3 | 4,
								clock - rnd.int(40) * HOUR
							)
						);
						// Some of the file's answers are here already.
						await importBackup(
							backupOf([...rows, ...known.slice(0, rnd.int(5))]),
							undefined,
							async () => undefined
						);
					}
				],
				[
					'sync',
					async () => {
						const all = await ids();
						const changes: SyncChange[] = [
							...Array.from({ length: 1 + rnd.int(6) }, (): SyncChange => ({
								kind: 'answer',
								answer: {
									id: `s${made++}`,
									cardId: rnd.pick(CARDS),
									rating: (1 + rnd.int(4)) as 1 | 2 | 3 | 4,
									reviewedAt: clock - rnd.int(30) * HOUR,
									durationMs: 800
								}
							})),
							...(all.length ? [{ kind: 'answerDeleted', id: rnd.pick(all) } as const] : [])
						];
						await applyArrived(changes, String(made), 'other-device');
					}
				],
				[
					'recover',
					() =>
						restoreAnswer(db, {
							id: `j${made++}`,
							cardId: rnd.pick(CARDS),
							rating: (1 + rnd.int(4)) as 1 | 2 | 3 | 4,
							now: clock - rnd.int(5) * HOUR,
							durationMs: 2000
						})
				],
				[
					'rename',
					() =>
						remapCards(
							db,
							new Map([
								['old-a', 'c1'],
								['old-b', 'c2']
							])
						)
				],
				[
					'from the future',
					async () => {
						await answerCard(rnd.pick(CARDS), 3, { now: clock + 3 * DAY_MS });
						await answerFutureNow(clock);
					}
				],
				[
					'a transaction of parallel writes',
					async () => {
						const all = await db.reviews.toArray();
						await db.transaction('rw', db.reviews, () =>
							Promise.all([
								db.reviews.bulkAdd([
									fileRow(`p${made++}`, 'c3', 3, clock),
									fileRow(`p${made++}`, 'c3', 1, clock + 1)
								]),
								...all
									.slice(0, 3)
									.map((r) => db.reviews.put({ ...r, rating: 1, reviewedAt: r.reviewedAt - DAY_MS })),
								...all.slice(3, 5).map((r) => db.reviews.delete(r.id)),
								db.reviews
									.where('reviewedAt')
									.below(clock - 20 * DAY_MS)
									.delete()
							])
						);
					}
				],
				['rebuild', () => rebuildAllStates()],
				[
					'states written and deleted',
					() =>
						db.transaction('rw', db.cardStates, async () => {
							const states = await db.cardStates.toArray();
							await Promise.all([
								db.cardStates.bulkDelete(states.slice(0, 2).map((s) => s.cardId)),
								db.cardStates.put({ ...states[2]!, cardId: `c${made++}` }),
								db.cardStates.where('cardId').between('c1', 'c3').delete()
							]);
						})
				],
				['reset', () => (rnd.next() < 0.3 ? resetProgress() : Promise.resolve())]
			];
			for (const [name] of ops) kinds.add(name);
			for (let step = 0; step < 60; step++) {
				clock += rnd.int(10) * HOUR + rnd.int(60) * 60_000;
				const [name, op] = rnd.pick(ops);
				const before = await snapshot();
				await op();
				if ((await snapshot()) !== before) changed.add(name);
				const { stored, recount, set, expectedSet } = await compare(db);
				expect(stored, `seed ${seed}, step ${step}: ${name}`).toEqual(recount);
				expect(set, `seed ${seed}, step ${step}: ${name}, card set`).toEqual(expectedSet);
			}
			db.close();
		}
		// Each kind of write changed the log or the states at least once.
		expect([...changed].sort()).toEqual([...kinds].sort());
	}, 60_000);

	it('are counted out by a failed transaction too: nothing of it stays', async () => {
		const db = open();
		await answerCard('c1', 3, { now: t0 });
		await expect(
			db.transaction('rw', db.reviews, async () => {
				await db.reviews.add(fileRow('x1', 'c2', 3, t0 + HOUR));
				throw new Error('stop');
			})
		).rejects.toThrow('stop');
		const { stored, recount } = await compare(db);
		expect(stored).toEqual(recount);
		expect(stored.flatMap((r) => Object.values(r.quarters)).map((q) => q[0])).toEqual([1]);
	});

	it('count answers per quarter hour: rating 0 rows, review-state ratings and time spent', () => {
		const at = Date.UTC(2026, 2, 1, 10, 20);
		const rows = countRowsOf([
			{ ...fileRow('a', 'c1', 3, at), durationMs: 1000 },
			{ ...fileRow('b', 'c1', 1, at + 60_000), durationMs: 500 },
			{ ...fileRow('c', 'c1', 4, at + 60_000), state: State.Learning, durationMs: 10 },
			{ ...fileRow('d', 'c1', 0, at) }
		]);
		expect(rows).toEqual([{ day: Math.floor(at / DAY_MS), quarters: { 41: [3, 1, 0, 1, 0, 1510] } }]);
	});
});

describe('the stats from the counts', () => {
	const zone = process.env.TZ;
	afterEach(() => {
		if (zone === undefined) delete process.env.TZ;
		else process.env.TZ = zone;
	});

	// Offsets from UTC in minutes (Date's sign: UTC minus local) on 1 March 2026.
	const zones = { UTC: 0, 'Asia/Kathmandu': -345, 'America/St_Johns': 210, 'Australia/Lord_Howe': -660 };
	for (const [tz, offset] of Object.entries(zones)) {
		it(`match the log's own count by study day in ${tz}, across a daylight-saving change`, async () => {
			process.env.TZ = tz;
			expect(new Date(Date.UTC(2026, 2, 1)).getTimezoneOffset()).toBe(offset);
			const db = open();
			const rnd = random(11);
			// March to May: the change of clocks in both hemispheres.
			const start = Date.UTC(2026, 2, 1);
			const log = Array.from({ length: 3000 }, (_, i) =>
				fileRow(`r${i}`, rnd.pick(CARDS), rnd.int(5) as ReviewRow['rating'], start + rnd.int(80 * DAY_MS))
			).map((r, i) => ({ ...r, state: i % 3 === 0 ? State.Learning : State.Review }));
			await db.reviews.bulkAdd(log);
			for (const hour of [0, 4, 23]) {
				const days = studyDays(start + 79 * DAY_MS, hour, -75, 76);
				const bounds = [...days.map((d) => d.start), days[days.length - 1]!.end];
				const expected = days.map(
					(d) => log.filter((r) => r.rating > 0 && r.reviewedAt >= d.start && r.reviewedAt < d.end).length
				);
				expect(await answersPerDay(bounds)).toEqual(expected);
				const [from, to] = [days[10]!.start, days[40]!.end];
				const counts = await reviewAnswerCounts(from, to);
				for (const rating of [1, 2, 3, 4] as const)
					expect(counts[rating]).toBe(
						log.filter(
							(r) =>
								r.state === State.Review && r.rating === rating && r.reviewedAt >= from && r.reviewedAt < to
						).length
					);
			}
			db.close();
		}, 30_000);
	}

	it("split an imported session that runs over the start of a study day as the answers' times do (UTC, 4 am)", async () => {
		// The end-to-end tests run in the machine's zone (UTC) with the default day start: a session begun at
		// 03:50 ends on the next study day, and the counts, a quarter of an hour at a time, agree with the times.
		process.env.TZ = 'UTC';
		const hour = DEFAULT_SETTINGS.dayStartHour;
		expect(hour).toBe(4);
		const db = open();
		const begin = Date.UTC(2026, 10, 12, 3, 50);
		const rows = Array.from({ length: 16 }, (_, i) =>
			fileRow(`s${i}`, CARDS[i % CARDS.length]!, 3, begin + (i < 8 ? i : i + 2) * 60_000)
		);
		await importBackup(backupOf(rows), undefined, async () => undefined);
		const days = studyDays(Date.UTC(2026, 10, 14, 12), hour, -3, 4);
		expect(days.map((d) => d.key)).toEqual(['2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14']);
		const bounds = [...days.map((d) => d.start), days[days.length - 1]!.end];
		// 03:50 to 03:57 on the study day of 11 November, 04:00 to 04:07 on that of the 12th.
		expect(await answersPerDay(bounds)).toEqual([8, 8, 0, 0]);
		db.close();
	});
});

/** The database as the previous version of the app (schema version 4) made it. */
class VersionFour extends Dexie {
	constructor(name: string) {
		super(name);
		for (const [i, stores] of EARLIER_SCHEMAS.entries()) this.version(i + 1).stores(stores);
	}
}

describe('the upgrade from version 4', () => {
	it('counts the existing log and keeps every row', async () => {
		const name = `test-${crypto.randomUUID()}`;
		// A log made by the app itself, then copied into a version 4 database.
		const source = open();
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 7 });
		const rnd = random(5);
		for (let i = 0; i < 300; i++)
			await answerCard(rnd.pick(CARDS), (1 + rnd.int(4)) as 1 | 2 | 3 | 4, {
				now: t0 + i * 3 * HOUR,
				durationMs: 1000 + i
			});
		await addCardsToReview(['c1'], t0 + 1000 * HOUR);
		const reviews = await source.reviews.toArray();
		const states = await source.cardStates.toArray();
		const settings = await source.settings.toArray();
		source.close();

		const old = new VersionFour(name);
		await old.table('reviews').bulkAdd(reviews);
		await old.table('cardStates').bulkAdd(states);
		await old.table('settings').bulkAdd(settings);
		old.close();

		const db = new StudyDatabase(name);
		useDatabase(db, new Map());
		await db.open();
		expect(db.verno).toBe(5);
		expect(await db.reviews.count()).toBe(reviews.length);
		expect(await db.reviews.orderBy('id').toArray()).toEqual(
			[...reviews].sort((a, b) => (a.id < b.id ? -1 : 1))
		);
		expect([...(await allStates()).values()]).toEqual(states);
		expect(await db.settings.toArray()).toEqual(settings);
		const { stored, recount, set, expectedSet } = await compare(db);
		expect(stored).toEqual(recount);
		expect(set).toEqual(expectedSet);
		expect(set.flatMap((r) => r.ids).sort()).toEqual(states.map((s) => s.cardId).sort());
		expect(stored.reduce((n, r) => n + Object.values(r.quarters).reduce((m, q) => m + q[0], 0), 0)).toBe(300);
		// The reads by card go through the compound index now.
		expect(await db.reviews.where('cardId').equals('c1').count()).toBe(
			reviews.filter((r) => r.cardId === 'c1').length
		);
		expect((await db.reviews.orderBy('cardId').uniqueKeys()).length).toBe(
			new Set(reviews.map((r) => r.cardId)).size
		);
		db.close();
	}, 60_000);
});
