// Reading everything a backup holds, and merging a checked backup in, in one transaction.
// Both run in a worker (backup/worker.ts), away from the page; they are plain async functions, so
// the tests run them directly.
import type { CardStateRow, ReviewRow, SrsSettings } from '../model.ts';
import type { BackupData, BackupSettings, CheckedBackup, FileReview } from '../backup/format.ts';
import { planMerge, type MergePlan } from '../backup/merge.ts';
import { makeScheduler, replayLog } from '../srs/scheduler.ts';
import { validateSettings } from '../srs/settings.ts';
import { getDb } from './index.ts';
import { KNOWLEDGE_MAP_KEY } from './preferences.ts';
import { loadValidator, settingsOf, SRS_SETTINGS_KEY } from './log.ts';
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

export type ImportPhase = 'merging' | 'rebuilding' | 'writing';

/**
 * Merges a checked backup into the database (see backup/merge.ts) and replays the merged logs of the cards
 * that got new reviews (every card, when the file's review settings are taken): that rebuilds their states,
 * and gives each of their reviews what ts-fsrs logged with it (scheduler.ts, replayLog). All in one transaction: an import that fails half-way leaves everything as it was, and an
 * answer given meanwhile in another tab waits for it and then builds on the merged log.
 */
export async function importBackup(
	backup: CheckedBackup,
	onProgress?: (phase: ImportPhase, fraction: number) => void
): Promise<ImportSummary> {
	const db = getDb();
	const validate = await loadValidator();
	return db.transaction(
		'rw',
		[db.reviews, db.cardStates, db.cardFlags, db.quizzes, db.settings],
		async () => {
			onProgress?.('merging', 0);
			const localCount = await db.reviews.count();
			const plan: MergePlan = planMerge(backup, {
				reviewIds: new Set(localCount ? ((await db.reviews.toCollection().primaryKeys()) as string[]) : []),
				flags: new Map((await db.cardFlags.toArray()).map((f) => [f.cardId, f])),
				quizzes: new Map((await db.quizzes.toArray()).map((q) => [q.id, q])),
				settingKeys: new Set((await db.settings.toCollection().primaryKeys()) as string[])
			});
			onProgress?.('merging', 0.5);

			// The cards whose log changed, with their new reviews.
			const srsTaken = plan.settings.find((s) => s.key === SRS_SETTINGS_KEY);
			const added = new Map<string, FileReview[]>();
			for (const r of plan.reviews) {
				const list = added.get(r.cardId);
				if (list) list.push(r);
				else added.set(r.cardId, [r]);
			}
			const affected = new Set(added.keys());
			// New review settings change every card's replay.
			if (srsTaken && localCount) {
				for (const id of (await db.reviews.orderBy('cardId').uniqueKeys()) as string[]) affected.add(id);
			}
			const here = await logsOfCards(db, affected, localCount);
			onProgress?.('merging', 1);

			const settings = srsTaken
				? (srsTaken.value as SrsSettings)
				: settingsOf(await db.settings.get(SRS_SETTINGS_KEY), validate);
			const f = makeScheduler(settings);
			const rows: ReviewRow[] = [];
			const changed: ReviewRow[] = [];
			const states: CardStateRow[] = [];
			let done = 0;
			for (const cardId of affected) {
				const stored = new Map((here.get(cardId) ?? []).map((r) => [r.id, r]));
				const replayed = replayLog(f, cardId, [...stored.values(), ...(added.get(cardId) ?? [])]);
				if (replayed) {
					states.push(replayed.state);
					for (const row of replayed.rows) {
						const before = stored.get(row.id);
						if (!before) rows.push(row);
						else if (!sameLog(before, row)) changed.push(row);
					}
				}
				if (++done % 500 === 0) onProgress?.('rebuilding', done / affected.size);
			}
			onProgress?.('rebuilding', 1);

			for (let i = 0; i < rows.length; i += PAGE) {
				await db.reviews.bulkAdd(rows.slice(i, i + PAGE));
				onProgress?.('writing', Math.min(1, (i + PAGE) / rows.length));
			}
			// What the replay of a merged log derives for reviews already here (two devices' logs of one card).
			await db.reviews.bulkPut(changed);
			await db.cardStates.bulkPut(states);
			await db.cardFlags.bulkPut(plan.flags);
			await db.quizzes.bulkPut(plan.quizzes);
			await db.settings.bulkPut(plan.settings);
			return {
				reviewsAdded: plan.reviews.length,
				reviewsKnown: plan.reviewsKnown,
				flagsUpdated: plan.flags.length,
				quizzesAdded: plan.quizzes.length,
				settingsTaken: plan.settings.map((s) => s.key),
				cardsRebuilt: states.length
			};
		}
	);
}

const LOGGED = [
	'state',
	'due',
	'stability',
	'difficulty',
	'elapsedDays',
	'lastElapsedDays',
	'scheduledDays',
	'learningSteps'
] as const;
const sameLog = (a: ReviewRow, b: ReviewRow) => LOGGED.every((key) => a[key] === b[key]);

/** The stored logs of some cards, inside the caller's transaction: through the index for a few, whole for many. */
async function logsOfCards(
	db: StudyDatabase,
	cardIds: ReadonlySet<string>,
	total: number
): Promise<Map<string, ReviewRow[]>> {
	const out = new Map<string, ReviewRow[]>();
	if (!total || !cardIds.size) return out;
	const add = (r: ReviewRow) => {
		if (!cardIds.has(r.cardId)) return;
		const list = out.get(r.cardId);
		if (list) list.push(r);
		else out.set(r.cardId, [r]);
	};
	if (cardIds.size > 200) {
		(await db.reviews.toArray()).forEach(add);
	} else {
		const lists = await Promise.all(
			[...cardIds].map((id) => db.reviews.where('cardId').equals(id).toArray())
		);
		lists.flat().forEach(add);
	}
	return out;
}
