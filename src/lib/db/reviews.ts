// Reading and writing the review log and the card states derived from it.
import type { Answer, CardFlagRow, CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import { makeScheduler, dueNowRow, rate } from '../srs/scheduler.ts';
import { becameLeech } from '../srs/leech.ts';
import { balancing } from '../srs/balance.ts';
import { getDb } from './index.ts';
import { balancedState, readSettings, replayCard } from './log.ts';

export function newId(): string {
	return crypto.randomUUID();
}

/**
 * Records an answer: the log row and the card's new state are written in one transaction, so a
 * closed tab or a crash leaves both or neither. The state is read inside the transaction, so two
 * tabs answering at once each build on the other's answer. A review's interval is balanced (srs/balance.ts)
 * from the cards due on the days of its fuzz range, read from the `due` index. An answer that makes the card a leech
 * (srs/leech.ts) suspends it in the same transaction when the settings say so; `leech` then tells the flag
 * written and the one before (null when the card had none), for Undo.
 */
export async function answerCard(
	cardId: string,
	answer: Answer,
	options: { now?: number; durationMs?: number; settings?: SrsSettings; id?: string } = {}
): Promise<{
	review: ReviewRow;
	state: CardStateRow;
	leech?: { flag: CardFlagRow; before: CardFlagRow | null };
}> {
	const db = getDb();
	const settings = options.settings ?? (await readSettings(db));
	const f = makeScheduler(settings);
	const id = options.id ?? newId();
	const now = options.now ?? Date.now();
	return db.transaction('rw', db.reviews, db.cardStates, db.cardFlags, async () => {
		const current = await db.cardStates.get(cardId);
		const result = rate(f, cardId, current, answer, now, id, options.durationMs);
		if (balancing(settings)) {
			const state = await balancedState(db, settings, result.state, result.review);
			// The day chosen goes in the log, so that every replay of it (Undo, an import, another device) keeps it.
			if (state.due !== result.state.due) result.review.scheduledDue = state.due;
			result.state = state;
		}
		await db.reviews.add(result.review);
		await db.cardStates.put(result.state);
		if (settings.leechAction !== 'suspend' || !becameLeech(current, result.state)) return result;
		const before = (await db.cardFlags.get(cardId)) ?? null;
		const flag = { cardId, buriedUntil: 0, ...before, suspended: true, updatedAt: Date.now() };
		await db.cardFlags.put(flag);
		return { ...result, leech: { flag, before } };
	});
}

/**
 * Takes back an answer exactly: its log row goes, and the card's state is rebuilt from the rest of its log.
 * Returns the card and its rebuilt state (undefined when it has no reviews left, i.e. is new again),
 * or null when that answer is no longer there (taken back in another tab).
 */
export async function undoReview(
	reviewId: string
): Promise<{ cardId: string; state: CardStateRow | undefined } | null> {
	const db = getDb();
	const f = makeScheduler(await readSettings(db));
	return db.transaction('rw', db.reviews, db.cardStates, async () => {
		const review = await db.reviews.get(reviewId);
		if (!review) return null;
		await db.reviews.delete(reviewId);
		return { cardId: review.cardId, state: (await replayCard(db, f, review.cardId))?.state };
	});
}

/**
 * Rebuilds every card state from the log, under `settings` (the saved ones when not given): after new
 * settings, or to repair the cache. Works card by card, reading each card's log through the index, so a long
 * log never holds the page in one long task; `onProgress` hears how many cards are done. Runs inside the
 * caller's transaction when there is one.
 */
export async function rebuildAllStates(
	settings?: SrsSettings,
	onProgress?: (done: number, total: number) => void
): Promise<number> {
	const db = getDb();
	const f = makeScheduler(settings ?? (await readSettings(db)));
	return db.transaction('rw', db.reviews, db.cardStates, async () => {
		const cardIds = (await db.reviews.orderBy('cardId').uniqueKeys()) as string[];
		// States of cards with no reviews left go too.
		await db.cardStates.clear();
		for (const [i, cardId] of cardIds.entries()) {
			// New settings give new due dates: the days the load balancer chose under the old ones go.
			await replayCard(db, f, cardId, [], { recompute: true });
			onProgress?.(i + 1, cardIds.length);
		}
		return cardIds.length;
	});
}

/**
 * Makes cards due now in the daily review (from a quiz's Add missed cards to review). The change is a
 * log row (rating 0), so a rebuild from the log keeps it. Cards never studied are introduced today,
 * beyond the daily new limit.
 */
export async function addCardsToReview(cardIds: string[], now = Date.now()): Promise<void> {
	const db = getDb();
	const f = makeScheduler(await readSettings(db));
	await db.transaction('rw', db.reviews, db.cardStates, async () => {
		for (const cardId of new Set(cardIds)) {
			const current = await db.cardStates.get(cardId);
			if (current && current.due <= now && current.lastReview !== null) continue;
			await db.reviews.add(dueNowRow(current, cardId, now, newId()));
			await replayCard(db, f, cardId);
		}
	});
}

export async function allStates(): Promise<Map<string, CardStateRow>> {
	const rows = await getDb().cardStates.toArray();
	return new Map(rows.map((r) => [r.cardId, r]));
}

export async function allFlags(): Promise<Map<string, CardFlagRow>> {
	const rows = await getDb().cardFlags.toArray();
	return new Map(rows.map((r) => [r.cardId, r]));
}

export function reviewsSince(time: number): Promise<ReviewRow[]> {
	return getDb().reviews.where('reviewedAt').aboveOrEqual(time).toArray();
}

export function reviewsOfCard(cardId: string): Promise<ReviewRow[]> {
	return getDb()
		.reviews.where('[cardId+reviewedAt]')
		.between([cardId, -Infinity], [cardId, Infinity])
		.toArray();
}

async function updateFlag(
	cardId: string,
	change: Partial<Pick<CardFlagRow, 'suspended' | 'buriedUntil'>>
): Promise<CardFlagRow> {
	const db = getDb();
	return db.transaction('rw', db.cardFlags, async () => {
		const flag = (await db.cardFlags.get(cardId)) ?? {
			cardId,
			suspended: false,
			buriedUntil: 0,
			updatedAt: 0
		};
		const row = { ...flag, ...change, updatedAt: Date.now() };
		await db.cardFlags.put(row);
		return row;
	});
}

export function setSuspended(cardId: string, suspended: boolean): Promise<CardFlagRow> {
	return updateFlag(cardId, { suspended });
}

/** Skip until tomorrow: the card leaves today's queue until `until` (the start of the next study day). */
export function buryCard(cardId: string, until: number): Promise<CardFlagRow> {
	return updateFlag(cardId, { buriedUntil: until });
}

/** Puts a card's flags back as they were (`before`; null when it had none): Undo of Skip or Suspend. */
export function restoreFlag(cardId: string, before: CardFlagRow | null): Promise<CardFlagRow> {
	return updateFlag(cardId, {
		suspended: before?.suspended ?? false,
		buriedUntil: before?.buriedUntil ?? 0
	});
}

/** What Reset progress would delete. */
export async function progressSize(): Promise<{ reviews: number; cards: number }> {
	const db = getDb();
	return db.transaction('r', db.reviews, db.cardStates, async () => ({
		reviews: await db.reviews.count(),
		cards: await db.cardStates.count()
	}));
}

/** Deletes all progress: the review log, the card states and the suspended and skipped flags. Settings stay. */
export async function resetProgress(): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.reviews, db.cardStates, db.cardFlags, async () => {
		await db.reviews.clear();
		await db.cardStates.clear();
		await db.cardFlags.clear();
	});
}
