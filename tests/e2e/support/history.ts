// Test-only: a review history for the end-to-end tests, made the way the app makes it (ts-fsrs through
// src/lib/srs), written as a backup file the app imports. Card ids come from the deck, whatever it holds.
import type { Answer, CardFlagRow, CardStateRow, ReviewRow } from '../../../src/lib/model.ts';
import { loadDeck } from '../../../src/deck-compiler/load.ts';
import { dayStart, nextDayStart } from '../../../src/lib/srs/day.ts';
import { makeScheduler, rate } from '../../../src/lib/srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../../src/lib/srs/defaults.ts';
import { countRowsOf } from '../../../src/lib/db/counts.ts';
import { cardSetRowsOf } from '../../../src/lib/db/card-set.ts';
import type { Page } from '@playwright/test';

export const deck = loadDeck(process.cwd());
const MINUTE = 60_000;
const DAY = 86_400_000;

/** Answers to the first `count` cards of the deck: over the past weeks, and a few today. */
export function history(now: number, count = 8, startDaysAgo = 20): ReviewRow[] {
	const f = makeScheduler(DEFAULT_SETTINGS);
	const hour = DEFAULT_SETTINGS.dayStartHour;
	// Each past session takes up to count + 10 minutes from about this time of day. One that would run over the
	// start of a study day begins at that start instead, so each session stays on one study day (four in all)
	// whatever the time of day the test runs; today's answers never fall before today's start.
	const session = (daysAgo: number): number => {
		const at = now - daysAgo * DAY;
		const next = nextDayStart(at, hour);
		return next - at <= (count + 10) * MINUTE ? next : at;
	};
	const [first, middle, last] = [session(startDaysAgo), session(12), session(3)];
	const today = dayStart(now, hour);
	const reviews: ReviewRow[] = [];
	deck.cards.slice(0, count).forEach((card, i) => {
		const plan: [Answer, number][] = [
			[3, first + i * MINUTE],
			[3, first + (i + 10) * MINUTE],
			[i % 3 === 0 ? 1 : 3, middle + i * MINUTE],
			[3, middle + (i + 10) * MINUTE],
			[i % 2 ? 4 : 3, last + i * MINUTE]
		];
		if (i < 3) plan.push([i === 0 ? 1 : 3, Math.max(today + i, now - (i + 2) * MINUTE)]);
		let state: CardStateRow | undefined;
		plan.forEach(([answer, at]) => {
			const r = rate(f, card.id, state, answer, at, crypto.randomUUID(), 12_000);
			state = r.state;
			reviews.push(r.review);
		});
	});
	return reviews;
}

export function answersToday(reviews: readonly ReviewRow[], now: number): number {
	const start = dayStart(now, DEFAULT_SETTINGS.dayStartHour);
	return reviews.filter((r) => r.rating > 0 && r.reviewedAt >= start).length;
}

export function backupFile(reviews: ReviewRow[], now: number, extra: Record<string, unknown> = {}) {
	return {
		name: 'history.json',
		mimeType: 'application/json',
		buffer: Buffer.from(
			JSON.stringify({
				format: 'kz-tm-study-backup',
				version: 1,
				appVersion: '0.1.0',
				exportedAt: now,
				settings: {},
				cardFlags: [],
				quizzes: [],
				reviews,
				...extra
			})
		)
	};
}

/** Every row of one of the app's stores, read straight from IndexedDB (the test's view, not the app's). */
export function storedRows<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const get = db.transaction(store).objectStore(store).getAll();
					get.onsuccess = () => {
						db.close();
						resolve(get.result as T[]);
					};
					get.onerror = () => reject(get.error);
				};
			}),
		store
	);
}

/** How many rows one of the app's stores holds, read straight from IndexedDB. */
export function storedCount(page: Page, store: string): Promise<number> {
	return page.evaluate(
		(store) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const count = db.transaction(store).objectStore(store).count();
					count.onsuccess = () => {
						db.close();
						resolve(count.result);
					};
					count.onerror = () => reject(count.error);
				};
			}),
		store
	);
}

/** The card states this browser holds, in card id order. */
export async function storedStates(page: Page): Promise<CardStateRow[]> {
	return (await storedRows<CardStateRow>(page, 'cardStates')).sort((a, b) => (a.cardId < b.cardId ? -1 : 1));
}

export function storedReviewCount(page: Page): Promise<number> {
	return storedCount(page, 'reviews');
}

/** Answers to the deck's first `count` cards given at `at` (e.g. by a device whose clock ran ahead), with the states they give. */
export function answersAt(at: number, count: number, answer: Answer = 3) {
	const f = makeScheduler(DEFAULT_SETTINGS);
	const made = deck.cards
		.slice(0, count)
		.map((card, i) => rate(f, card.id, undefined, answer, at + i * MINUTE, crypto.randomUUID(), 8_000));
	return { reviews: made.map((m) => m.review), states: made.map((m) => m.state) };
}

/** Answers to one card id (any id, such as one the deck has since replaced), rated as `plan` says. */
export function answersTo(cardId: string, plan: readonly [Answer, number][]): ReviewRow[] {
	const f = makeScheduler(DEFAULT_SETTINGS);
	let state: CardStateRow | undefined;
	return plan.map(([answer, at]) => {
		const r = rate(f, cardId, state, answer, at, crypto.randomUUID(), 9_000);
		state = r.state;
		return r.review;
	});
}

/** The card state answering gave after the last of `reviews` (all of one card, in time order). */
export function stateAfter(reviews: readonly ReviewRow[]): CardStateRow {
	const f = makeScheduler(DEFAULT_SETTINGS);
	let state: CardStateRow | undefined;
	for (const r of reviews)
		state = rate(f, r.cardId, state, r.rating as Answer, r.reviewedAt, r.id, r.durationMs).state;
	return state!;
}

/** The review rows this browser holds, read straight from IndexedDB. */
export function storedReviews(page: Page): Promise<ReviewRow[]> {
	return storedRows<ReviewRow>(page, 'reviews');
}

/**
 * Writes rows into the app's database as a version of the app would have (straight into IndexedDB, beside the
 * app's connection), for a test of what the app makes of them on its next start. With reviews, the answer counts
 * kept beside the log (src/lib/db/counts.ts) are written again for the whole log, and with card states the set of
 * cards that have one (src/lib/db/card-set.ts), as the app's writes keep them.
 */
export async function writeRows(
	page: Page,
	rows: {
		reviews?: ReviewRow[];
		cardStates?: CardStateRow[];
		cardFlags?: CardFlagRow[];
		settings?: { key: string; value: unknown }[];
	}
): Promise<void> {
	const byId = new Map((rows.reviews ? await storedReviews(page) : []).map((r) => [r.id, r]));
	for (const r of rows.reviews ?? []) byId.set(r.id, r);
	const counts = rows.reviews ? countRowsOf(byId.values()) : undefined;
	const set = rows.cardStates
		? cardSetRowsOf([...(await storedStates(page)), ...rows.cardStates].map((s) => s.cardId))
		: undefined;
	return page.evaluate(
		({ rows, counts, set }) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tables: string[] = Object.keys(rows);
					if (counts) tables.push('answerCounts');
					if (set) tables.push('cardSet');
					const tx = db.transaction(tables, 'readwrite');
					for (const table of Object.keys(rows) as (keyof typeof rows)[])
						for (const row of rows[table] ?? []) tx.objectStore(table).put(row);
					if (counts) {
						tx.objectStore('answerCounts').clear();
						for (const row of counts) tx.objectStore('answerCounts').put(row);
					}
					if (set) {
						tx.objectStore('cardSet').clear();
						for (const row of set) tx.objectStore('cardSet').put(row);
					}
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		{ rows, counts, set }
	);
}

/** Writes review rows and card states straight into this browser's database (see writeRows). */
export function storeLog(page: Page, log: { reviews: ReviewRow[]; states: CardStateRow[] }): Promise<void> {
	return writeRows(page, { reviews: log.reviews, cardStates: log.states });
}
