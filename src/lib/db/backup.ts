// Reading everything a backup holds, and merging a checked backup in, in one transaction.
// Both run in a worker (backup/worker.ts), away from the page; they are plain async functions, so
// the tests run them directly.
import type { CardStateRow, QuizRow, ReviewRow, SrsSettings } from '../model.ts';
import { errorText, storageProblemOf } from '../errors.ts';
import type { BackupData, BackupSettings, CheckedBackup, FileReview } from '../backup/format.ts';
import { planMerge, type MergePlan } from '../backup/merge.ts';
import { makeScheduler, replayLog } from '../srs/scheduler.ts';
import { validateSettings } from '../srs/settings.ts';
import { getDb } from './index.ts';
import { KNOWLEDGE_MAP_KEY } from './preferences.ts';
import { loadValidator, sameLog, settingsOf, SRS_SETTINGS_KEY } from './log.ts';
import type { StudyDatabase } from './schema.ts';

/** Rows read or written per request batch: large enough to be quick, small enough to report progress. */
const PAGE = 10_000;

/** Everything a backup holds, read in one transaction (so it is one moment's copy), the log page by page. */
export async function readBackupData(onProgress?: (fraction: number) => void): Promise<BackupData> {
	const db = getDb();
	return db.transaction('r', [db.reviews, db.cardFlags, db.quizzes, db.settings], async () => {
		const total = await db.reviews.count();
		const reviews: ReviewRow[] = [];
		for (;;) {
			const last = reviews[reviews.length - 1];
			const page = await (last ? db.reviews.where(':id').above(last.id) : db.reviews.orderBy(':id'))
				.limit(PAGE)
				.toArray();
			for (const r of page) reviews.push(r);
			onProgress?.(total ? reviews.length / total : 1);
			if (page.length < PAGE) break;
		}
		const settings: BackupSettings = {};
		const srs = await db.settings.get(SRS_SETTINGS_KEY);
		if (srs) {
			const checked = validateSettings(srs.value);
			if (checked.ok) settings.srs = checked.settings;
		}
		const map = await db.settings.get(KNOWLEDGE_MAP_KEY);
		if (typeof map?.value === 'boolean') settings.knowledgeMap = map.value;
		return {
			settings,
			cardFlags: await db.cardFlags.toArray(),
			quizzes: await db.quizzes.toArray(),
			reviews
		};
	});
}

export interface ImportSummary {
	reviewsAdded: number;
	reviewsKnown: number;
	flagsUpdated: number;
	quizzesAdded: number;
	settingsTaken: string[];
	/** Card states rebuilt from the merged log; 0 when the log did not change. */
	cardsRebuilt: number;
}

/** What an import that stopped left out, after what it merged (`merged`, each batch whole). */
export interface ImportShortfall {
	/** Why it stopped, in the app's words. */
	reason: string;
	/** The browser's storage was full (or would have been): freeing space and importing again finishes it. */
	full: boolean;
	merged: ImportSummary;
	reviewsLeft: number;
	flagsLeft: number;
	quizzesLeft: number;
	settingsLeft: string[];
	/**
	 * Whether the database was checked to hold exactly what the summary says: for an import that merged nothing,
	 * that the log has as many reviews as before and none of the first batch's.
	 */
	verified: boolean;
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; shortfall: ImportShortfall };

export type ImportPhase = 'merging' | 'rebuilding' | 'writing';

/** How much room the browser has for this site (navigator.storage.estimate), when it says. */
export type StorageEstimate = () => Promise<{ usage?: number; quota?: number } | undefined>;

const browserEstimate: StorageEstimate = async () => globalThis.navigator?.storage?.estimate?.();

/**
 * Bytes the database takes for one more review, card state or quiz, with room to spare: measured in Chromium
 * (about 450 bytes a review with its five indexes), doubled for the storage's own copies while it writes.
 */
export const BYTES_PER_REVIEW = 1000;
const BYTES_PER_STATE = 400;
const quizBytes = (q: QuizRow) => 2 * JSON.stringify(q).length + 200;

const mb = (bytes: number) => `${Math.max(0.1, Math.round(bytes / 104_857.6) / 10)} MB`;

/** Cards per write batch: each batch holds the whole new logs of its cards, at most about PAGE reviews. */
function batchesOf(cards: readonly string[], added: ReadonlyMap<string, FileReview[]>): string[][] {
	const batches: string[][] = [];
	let batch: string[] = [];
	let size = 0;
	for (const cardId of cards) {
		const n = (added.get(cardId)?.length ?? 0) + 1;
		if (batch.length && size + n > PAGE) {
			batches.push(batch);
			batch = [];
			size = 0;
		}
		batch.push(cardId);
		size += n;
	}
	if (batch.length) batches.push(batch);
	return batches;
}

/**
 * Merges a checked backup into the database (see backup/merge.ts) and replays the merged logs of the cards
 * that got new reviews (every card, when the file's review settings are taken): that rebuilds their states,
 * and gives each of their reviews what ts-fsrs logged with it (scheduler.ts, replayLog).
 *
 * First the room it needs is estimated and checked against what the browser allows (`estimate`): a file
 * that cannot fit is refused before anything is written. Then it writes in batches, each one transaction
 * holding whole cards (their new reviews with their rebuilt state), the flags, quizzes and settings last:
 * an import that stops (a full disk) keeps the batches written, each complete, says exactly what was and was
 * not merged, and importing the same file again adds only what is missing. An answer given meanwhile in
 * another tab lands between batches; each batch reads its cards' logs afresh and builds on it.
 */
export async function importBackup(
	backup: CheckedBackup,
	onProgress?: (phase: ImportPhase, fraction: number) => void,
	estimate: StorageEstimate = browserEstimate
): Promise<ImportOutcome> {
	const db = getDb();
	const validate = await loadValidator();
	onProgress?.('merging', 0);
	const { localCount, plan, affected } = await db.transaction(
		'r',
		[db.reviews, db.cardFlags, db.quizzes, db.settings],
		async () => {
			const localCount = await db.reviews.count();
			const plan: MergePlan = planMerge(backup, {
				reviewIds: new Set(localCount ? ((await db.reviews.toCollection().primaryKeys()) as string[]) : []),
				flags: new Map((await db.cardFlags.toArray()).map((f) => [f.cardId, f])),
				quizzes: new Map((await db.quizzes.toArray()).map((q) => [q.id, q])),
				settingKeys: new Set((await db.settings.toCollection().primaryKeys()) as string[])
			});
			const affected = new Set(plan.reviews.map((r) => r.cardId));
			// New review settings change every card's replay.
			if (plan.settings.some((s) => s.key === SRS_SETTINGS_KEY) && localCount) {
				for (const id of (await db.reviews.orderBy('cardId').uniqueKeys()) as string[]) affected.add(id);
			}
			return { localCount, plan, affected };
		}
	);
	onProgress?.('merging', 0.5);

	const added = new Map<string, FileReview[]>();
	for (const r of plan.reviews) {
		const list = added.get(r.cardId);
		if (list) list.push(r);
		else added.set(r.cardId, [r]);
	}
	const merged: ImportSummary = {
		reviewsAdded: 0,
		reviewsKnown: plan.reviewsKnown,
		flagsUpdated: 0,
		quizzesAdded: 0,
		settingsTaken: [],
		cardsRebuilt: 0
	};
	/** Reviews of the file dealt with so far: added, or found here when their batch was written. */
	let reviewsDone = 0;
	const shortfall = (reason: string, full: boolean, verified: boolean): ImportOutcome => ({
		ok: false,
		shortfall: {
			reason,
			full,
			merged,
			reviewsLeft: plan.reviews.length - reviewsDone,
			flagsLeft: plan.flags.length - merged.flagsUpdated,
			quizzesLeft: plan.quizzes.length - merged.quizzesAdded,
			settingsLeft: plan.settings.map((s) => s.key).filter((k) => !merged.settingsTaken.includes(k)),
			verified
		}
	});

	// Room: what the new rows take, against what the browser still allows this site.
	const needed =
		plan.reviews.length * BYTES_PER_REVIEW +
		affected.size * BYTES_PER_STATE +
		plan.quizzes.reduce((sum, q) => sum + quizBytes(q), 0) +
		(plan.flags.length + plan.settings.length) * 200;
	const room = await estimate().catch(() => undefined);
	if (room?.quota !== undefined && room.usage !== undefined && needed > room.quota - room.usage) {
		const free = Math.max(0, room.quota - room.usage);
		return shortfall(
			`it needs about ${mb(needed)} of storage, and this browser allows this site ${free < 104_858 ? 'less than 0.1 MB' : `only ${mb(free)}`} more`,
			true,
			true
		);
	}

	const srsTaken = plan.settings.find((s) => s.key === SRS_SETTINGS_KEY);
	const settings = srsTaken
		? (srsTaken.value as SrsSettings)
		: settingsOf(await db.settings.get(SRS_SETTINGS_KEY), validate);
	const f = makeScheduler(settings);
	const batches = batchesOf([...affected], added);
	let done = 0;
	let current: string[] = [];
	try {
		for (const cards of batches) {
			current = cards;
			const written = await db.transaction('rw', [db.reviews, db.cardStates], async () => {
				const here = await logsOfCards(db, new Set(cards));
				const rows: ReviewRow[] = [];
				const changed: ReviewRow[] = [];
				const states: CardStateRow[] = [];
				let fresh = 0;
				for (const cardId of cards) {
					const stored = new Map((here.get(cardId) ?? []).map((r) => [r.id, r]));
					const incoming = (added.get(cardId) ?? []).filter((r) => !stored.has(r.id));
					fresh += incoming.length;
					const replayed = replayLog(f, cardId, [...stored.values(), ...incoming]);
					if (!replayed) continue;
					states.push(replayed.state);
					for (const row of replayed.rows) {
						const before = stored.get(row.id);
						if (!before) rows.push(row);
						else if (!sameLog(before, row)) changed.push(row);
					}
				}
				await db.reviews.bulkAdd(rows);
				// What the replay of a merged log derives for reviews already here (two devices' logs of one card).
				await db.reviews.bulkPut(changed);
				await db.cardStates.bulkPut(states);
				return { reviews: cards.reduce((sum, id) => sum + (added.get(id)?.length ?? 0), 0), fresh, states };
			});
			reviewsDone += written.reviews;
			merged.reviewsAdded += written.fresh;
			merged.reviewsKnown += written.reviews - written.fresh;
			merged.cardsRebuilt += written.states.length;
			done += cards.length;
			onProgress?.('rebuilding', 1);
			onProgress?.('writing', done / Math.max(1, affected.size));
		}
		current = [];
		await db.transaction('rw', [db.cardFlags, db.quizzes, db.settings], async () => {
			await db.cardFlags.bulkPut(plan.flags);
			await db.quizzes.bulkPut(plan.quizzes);
			await db.settings.bulkPut(plan.settings);
		});
		merged.flagsUpdated = plan.flags.length;
		merged.quizzesAdded = plan.quizzes.length;
		merged.settingsTaken = plan.settings.map((s) => s.key);
		onProgress?.('writing', 1);
		return { ok: true, summary: merged };
	} catch (error) {
		const full = storageProblemOf(error) === 'full';
		const reason = full ? 'the browser’s storage is full' : `writing failed (${errorText(error)})`;
		// The batches before were committed whole; the failed one was rolled back: checked, not assumed, by
		// looking for its new reviews (and, when nothing was merged, counting the log as it was before).
		const ids = current.flatMap((id) => (added.get(id) ?? []).map((r) => r.id));
		const verified = await db
			.transaction('r', db.reviews, async () => {
				const none = (await db.reviews.bulkGet(ids)).every((r) => r === undefined);
				return none && (reviewsDone > 0 || (await db.reviews.count()) >= localCount);
			})
			.catch(() => false);
		return shortfall(reason, full, verified);
	}
}

/**
 * The stored logs of some cards, inside the caller's transaction: a range read of the card index each, all sent
 * at once. Never the whole log: a batch of an import into a long log would otherwise read it all again.
 */
async function logsOfCards(
	db: StudyDatabase,
	cardIds: ReadonlySet<string>
): Promise<Map<string, ReviewRow[]>> {
	const out = new Map<string, ReviewRow[]>();
	const ids = [...cardIds];
	const lists = await Promise.all(
		ids.map((id) =>
			db.reviews.where('[cardId+reviewedAt]').between([id, -Infinity], [id, Infinity]).toArray()
		)
	);
	ids.forEach((id, i) => {
		if (lists[i]!.length) out.set(id, lists[i]!);
	});
	return out;
}
