import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { onSchemaUpgradeElsewhere } from '../pwa/schema-upgrade.ts';
import { StudyDatabase, useDatabase } from './index.ts';
import { watch } from './live.ts';
import { answerCard, buryCard, progressSize, resetProgress, restoreFlag, setSuspended } from './reviews.ts';
import { loadSettings, saveSettings } from './settings.ts';
import { loadStudyData } from './study.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';

const HOUR = 3_600_000;
const t0 = new Date(2026, 2, 10, 10, 0).getTime();
let db: StudyDatabase;

beforeEach(() => {
	db = new StudyDatabase(`test-${crypto.randomUUID()}`);
	useDatabase(db);
});

describe("today's study data", () => {
	it("reads the states, flags, settings and only today's reviews, by the day-start hour", async () => {
		await answerCard('a', 3, { now: t0 - 24 * HOUR });
		await answerCard('b', 3, { now: new Date(2026, 2, 10, 3, 30).getTime() });
		await answerCard('c', 3, { now: t0 });
		await setSuspended('a', true);
		const data = await loadStudyData(t0);
		expect(data.since).toBe(new Date(2026, 2, 10, 4).getTime());
		expect(data.reviewsToday.map((r) => r.cardId)).toEqual(['c']);
		expect([...data.states.keys()].sort()).toEqual(['a', 'b', 'c']);
		expect(data.flags.get('a')!.suspended).toBe(true);

		await saveSettings({ ...DEFAULT_SETTINGS, dayStartHour: 0 });
		const midnight = await loadStudyData(t0);
		expect(midnight.reviewsToday.map((r) => r.cardId).sort()).toEqual(['b', 'c']);
	});

	it('tells a watcher about each change, including those of another connection (another tab)', async () => {
		const seen: number[] = [];
		const stop = watch(
			() => loadStudyData(t0),
			(d) => seen.push(d.reviewsToday.length)
		);
		const seenLast = async (n: number) => {
			for (let i = 0; i < 500 && seen.at(-1) !== n; i++) await new Promise((r) => setTimeout(r, 10));
			expect(seen.at(-1)).toBe(n);
		};
		await seenLast(0);
		await answerCard('a', 3, { now: t0 });
		await seenLast(1);
		const other = new StudyDatabase(db.name);
		await other.reviews.add({ ...(await db.reviews.toArray())[0]!, id: 'from-another-tab' });
		await seenLast(2);
		stop();
		expect(seen).toEqual([0, 1, 2]);
		other.close();
	});
});

describe('flags and reset', () => {
	it('puts flags back as they were', async () => {
		await buryCard('a', t0 + HOUR);
		await restoreFlag('a', null);
		expect(await db.cardFlags.get('a')).toMatchObject({ suspended: false, buriedUntil: 0 });
		const before = await setSuspended('b', true);
		await buryCard('b', t0 + HOUR);
		await restoreFlag('b', before);
		expect(await db.cardFlags.get('b')).toMatchObject({ suspended: true, buriedUntil: 0 });
	});

	it('resets progress: reviews, states and flags go, settings stay', async () => {
		await saveSettings({ ...DEFAULT_SETTINGS, newPerDay: 3 });
		await answerCard('a', 3, { now: t0 });
		await answerCard('a', 3, { now: t0 + HOUR });
		await answerCard('b', 1, { now: t0 });
		await setSuspended('c', true);
		expect(await progressSize()).toEqual({ reviews: 3, cards: 2 });
		await resetProgress();
		expect(await progressSize()).toEqual({ reviews: 0, cards: 0 });
		expect(await db.cardFlags.count()).toBe(0);
		expect((await loadSettings()).newPerDay).toBe(3);
	});
});

describe('a schema upgrade in another tab', () => {
	class NewerDatabase extends StudyDatabase {
		constructor(name: string) {
			super(name);
			// One version past the app's own, whatever that is.
			this.version(this.verno + 1).stores({ notes: 'id' });
		}
	}

	it('is not blocked by this tab, which closes, says so, and writes nothing more', async () => {
		await answerCard('a', 3, { now: t0 });
		let told = 0;
		const stop = onSchemaUpgradeElsewhere(() => told++);
		const newer = new NewerDatabase(db.name);
		// Would hang (blocked) if this tab kept its connection open.
		await newer.open();
		expect(told).toBe(1);
		expect(db.isOpen()).toBe(false);
		await expect(answerCard('b', 3, { now: t0 })).rejects.toThrow();
		expect(await newer.reviews.count()).toBe(1);
		expect(newer.verno).toBe(new StudyDatabase('x').verno + 1);
		stop();
		newer.close();
	});
});
