// What sync reads from and writes to the database: the changes this device has not yet sent (the outbox that
// db/outbox.ts fills), and the changes that arrived from the server, applied in one transaction each batch.
// How the answers are stored stays behind these functions: sync sees answers as they were given (id, card,
// rating, time, duration), never the log's rows.
//
// How changes merge: an answer is immutable and known by its id, so the logs merge as a set; an Undo is the
// answer's deletion. Flags, settings and finished quizzes go by their last writer (the time, then the device id).
// Reset progress is a marker: every answer before it, and every flag changed before it, is dropped.
import type { CardFlagRow, QuizRow, ReviewRow } from '../model.ts';
import { makeScheduler, type ReplayReview } from '../srs/scheduler.ts';
import { announceHere } from './changes.ts';
import { getDb } from './index.ts';
import { readSettings, replayCard, SRS_SETTINGS_KEY } from './log.ts';
import { setRecording, SYNC_ON_KEY } from './outbox.ts';
import { KNOWLEDGE_MAP_KEY } from './preferences.ts';

/** An answer as sync carries it: what the learner did; the rest is derived again by replaying the card's log. */
export interface SyncedAnswer {
	id: string;
	cardId: string;
	rating: ReviewRow['rating'];
	reviewedAt: number;
	durationMs: number;
	/** Only for rating 0 (made due): the state and due date it set. */
	state?: number;
	due?: number;
	/** Only for an answer the load balancer moved: the due date it chose. */
	scheduledDue?: number;
}

/** The settings that sync carries (the review settings and the reader's knowledge map). */
export const SYNCED_SETTINGS: readonly string[] = [SRS_SETTINGS_KEY, KNOWLEDGE_MAP_KEY];

/** A change, as sent or as arrived. `at` and `device` order the last-writer-wins kinds. */
export type SyncChange =
	| { kind: 'answer'; answer: SyncedAnswer }
	| { kind: 'answerDeleted'; id: string }
	| { kind: 'flag'; flag: CardFlagRow; device: string }
	| { kind: 'setting'; key: string; value: unknown; at: number; device: string }
	| { kind: 'quiz'; quiz: QuizRow; at: number; device: string }
	| { kind: 'reset'; at: number; device: string };

/** What sync keeps about itself in this browser (the meta table; never a password). */
export interface SyncAccount {
	/** The server's address, e.g. "/couch/". */
	server: string;
	user: string;
	/** The learner's database on the server. */
	db: string;
}

const ACCOUNT_KEY = 'syncAccount';
const DEVICE_KEY = 'syncDevice';
/** Where the pull got to: the server's `last_seq`, an opaque value. */
const SINCE_KEY = 'syncSince';
/** The time of the newest Reset progress this browser applied or made. */
const RESET_KEY = 'syncResetAt';
/** When the last full round with the server ended. */
const SYNCED_AT_KEY = 'syncedAt';

export interface SyncSetup {
	on: boolean;
	account: SyncAccount | null;
	device: string;
	since: string | null;
	syncedAt: number | null;
}

function randomDevice(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What sync needs to start: whether it is on, the account, this device's id, where the pull got to. */
export async function readSyncSetup(): Promise<SyncSetup> {
	const db = getDb();
	return db.transaction('rw', db.meta, async () => {
		const rows = await db.meta.bulkGet([SYNC_ON_KEY, ACCOUNT_KEY, DEVICE_KEY, SINCE_KEY, SYNCED_AT_KEY]);
		const [on, account, device, since, syncedAt] = rows.map((r) => r?.value);
		let id = typeof device === 'string' ? device : null;
		if (!id) {
			id = randomDevice();
			await db.meta.put({ key: DEVICE_KEY, value: id });
		}
		return {
			on: on === true,
			account: (account as SyncAccount | undefined) ?? null,
			device: id,
			since: typeof since === 'string' ? since : null,
			syncedAt: typeof syncedAt === 'number' ? syncedAt : null
		};
	});
}

/**
 * Turns sync on for `account`: from now on every change is noted in the outbox, and everything this browser
 * holds is noted once, to be sent. Signing in to the same account again notes nothing more.
 */
export async function startSyncing(account: SyncAccount): Promise<void> {
	const db = getDb();
	await db.transaction(
		'rw',
		[db.meta, db.syncOutbox, db.reviews, db.cardFlags, db.settings, db.quizzes],
		async () => {
			const before = (await db.meta.get(ACCOUNT_KEY))?.value as SyncAccount | undefined;
			const same = before && before.server === account.server && before.db === account.db;
			await db.meta.bulkPut([
				{ key: SYNC_ON_KEY, value: true },
				{ key: ACCOUNT_KEY, value: account }
			]);
			if (same) return;
			await db.meta.bulkDelete([SINCE_KEY, SYNCED_AT_KEY]);
			await db.syncOutbox.clear();
			const at = Date.now();
			const docs: string[] = [];
			// Card by card, each card's answers in time order: a device that takes them batch by batch then
			// replays each card about once, not once per batch.
			for (const id of (await db.reviews.orderBy('[cardId+reviewedAt]').primaryKeys()) as string[])
				docs.push('r:' + id);
			for (const id of (await db.cardFlags.toCollection().primaryKeys()) as string[]) docs.push('f:' + id);
			for (const key of (await db.settings.toCollection().primaryKeys()) as string[])
				if (SYNCED_SETTINGS.includes(key)) docs.push('s:' + key);
			for (const id of (await db.quizzes.toCollection().primaryKeys()) as string[]) docs.push('q:' + id);
			await db.syncOutbox.bulkAdd(docs.map((doc) => ({ doc, at })));
		}
	);
	setRecording(db, true);
}

/** Turns sync off. This browser's progress stays; what was not sent stays here only. */
export async function stopSyncing(): Promise<void> {
	const db = getDb();
	setRecording(db, false);
	await db.transaction('rw', db.meta, db.syncOutbox, async () => {
		await db.meta.bulkDelete([SYNC_ON_KEY, ACCOUNT_KEY, SINCE_KEY, SYNCED_AT_KEY]);
		await db.syncOutbox.clear();
	});
}

/** How many changes wait to be sent. */
export function pendingCount(): Promise<number> {
	return getDb().syncOutbox.count();
}

export interface OutboxBatch {
	/** The last outbox entry read: clearSent(upTo) forgets it and those before. */
	upTo: number;
	changes: SyncChange[];
}

/**
 * The changes written since the last send, up to `limit` outbox entries, each read as it is now (an answer
 * written then taken back is sent as deleted; a quiz under way is not sent). Null when there are none.
 */
export async function changesToSend(device: string, limit = 500): Promise<OutboxBatch | null> {
	const db = getDb();
	return db.transaction('r', [db.syncOutbox, db.reviews, db.cardFlags, db.settings, db.quizzes], async () => {
		const notes = await db.syncOutbox.orderBy('seq').limit(limit).toArray();
		if (!notes.length) return null;
		const latest = new Map<string, number>();
		for (const n of notes) latest.set(n.doc, Math.max(n.at, latest.get(n.doc) ?? 0));
		const byKind = (prefix: string) =>
			[...latest.keys()].filter((d) => d.startsWith(prefix)).map((d) => d.slice(prefix.length));
		const changes: SyncChange[] = [];

		const answerIds = byKind('r:');
		const answers = await db.reviews.bulkGet(answerIds);
		answers.forEach((row, i) =>
			changes.push(
				row ? { kind: 'answer', answer: answerOf(row) } : { kind: 'answerDeleted', id: answerIds[i]! }
			)
		);
		for (const flag of await db.cardFlags.bulkGet(byKind('f:')))
			if (flag) changes.push({ kind: 'flag', flag, device });
		for (const row of await db.settings.bulkGet(byKind('s:').filter((k) => SYNCED_SETTINGS.includes(k))))
			if (row)
				changes.push({
					kind: 'setting',
					key: row.key,
					value: row.value,
					at: latest.get('s:' + row.key)!,
					device
				});
		for (const quiz of await db.quizzes.bulkGet(byKind('q:')))
			if (quiz && quiz.finishedAt !== null)
				changes.push({ kind: 'quiz', quiz, at: latest.get('q:' + quiz.id)!, device });
		if (latest.has('reset')) changes.push({ kind: 'reset', at: latest.get('reset')!, device });
		return { upTo: notes[notes.length - 1]!.seq!, changes };
	});
}

/** Forgets the outbox entries up to `upTo`, once the server has them. */
export async function clearSent(upTo: number, reset?: number): Promise<void> {
	const db = getDb();
	await db.transaction('rw', db.syncOutbox, db.meta, async () => {
		await db.syncOutbox.where('seq').belowOrEqual(upTo).delete();
		if (reset !== undefined) {
			const known = (await db.meta.get(RESET_KEY))?.value;
			if (typeof known !== 'number' || known < reset) await db.meta.put({ key: RESET_KEY, value: reset });
		}
	});
}

function answerOf(row: ReviewRow): SyncedAnswer {
	const answer: SyncedAnswer = {
		id: row.id,
		cardId: row.cardId,
		rating: row.rating,
		reviewedAt: row.reviewedAt,
		durationMs: row.durationMs
	};
	if (row.rating === 0) {
		answer.state = row.state;
		answer.due = row.due;
	} else if (row.scheduledDue !== undefined) {
		answer.scheduledDue = row.scheduledDue;
	}
	return answer;
}

export interface AppliedSummary {
	answersAdded: number;
	answersRemoved: number;
	cardsRebuilt: number;
	flags: number;
	settings: number;
	quizzes: number;
	reset: boolean;
}

/** (at, device) of `a` after that of `b`. */
const later = (a: { at: number; device: string }, b: { at: number; device: string }) =>
	a.at > b.at || (a.at === b.at && a.device > b.device);

/**
 * Applies a batch of changes that arrived from the server, and where the pull got to (`since`), in one
 * transaction: a batch cut off half-way leaves nothing, and applying it again changes nothing more. The states
 * of the cards whose log changed are rebuilt from their logs. A change this device made and has not sent yet
 * wins over an older one from the server. Tells this tab's screens, as another tab's writes would.
 */
export async function applyArrived(
	changes: readonly SyncChange[],
	since: string,
	device: string
): Promise<AppliedSummary> {
	const db = getDb();
	const f = makeScheduler(await readSettings(db));
	const tables = [db.reviews, db.cardStates, db.cardFlags, db.settings, db.quizzes, db.meta, db.syncOutbox];
	const summary = await db.transaction('rw', tables, async () => {
		const out: AppliedSummary = {
			answersAdded: 0,
			answersRemoved: 0,
			cardsRebuilt: 0,
			flags: 0,
			settings: 0,
			quizzes: 0,
			reset: false
		};
		// This device's own changes not yet sent, by document, with when they were made.
		const pending = new Map<string, number>();
		for (const n of await db.syncOutbox.toArray())
			pending.set(n.doc, Math.max(n.at, pending.get(n.doc) ?? 0));
		const mineIsLater = (doc: string, theirs: { at: number; device: string }) => {
			const at = pending.get(doc);
			return at !== undefined && later({ at, device }, theirs);
		};

		const affected = new Set<string>();
		let resetAt = (await db.meta.get(RESET_KEY))?.value as number | undefined;
		if (pending.has('reset')) resetAt = Math.max(resetAt ?? 0, pending.get('reset')!);
		const reset = changes.filter((c) => c.kind === 'reset').sort((a, b) => b.at - a.at)[0];
		if (reset && reset.at > (resetAt ?? 0)) {
			resetAt = reset.at;
			out.reset = true;
			await db.meta.put({ key: RESET_KEY, value: reset.at });
			const dropped = await db.reviews.where('reviewedAt').below(reset.at).toArray();
			for (const r of dropped) affected.add(r.cardId);
			await db.reviews.bulkDelete(dropped.map((r) => r.id));
			out.answersRemoved += dropped.length;
			await db.cardFlags.filter((flag) => flag.updatedAt < reset.at).delete();
		}

		// Answers: a set by id; a deletion (Undo) removes one.
		const arriving = changes.filter(
			(c): c is Extract<SyncChange, { kind: 'answer' }> =>
				c.kind === 'answer' && c.answer.reviewedAt >= (resetAt ?? -Infinity)
		);
		const known = await db.reviews.bulkGet(arriving.map((c) => c.answer.id));
		const added = new Map<string, ReplayReview[]>();
		arriving.forEach((c, i) => {
			if (known[i]) return;
			const list = added.get(c.answer.cardId);
			if (list) list.push(c.answer);
			else added.set(c.answer.cardId, [c.answer]);
			affected.add(c.answer.cardId);
			out.answersAdded++;
		});
		const deletions = changes.filter((c) => c.kind === 'answerDeleted').map((c) => c.id);
		const gone = (await db.reviews.bulkGet(deletions)).filter((r) => r !== undefined);
		for (const r of gone) affected.add(r.cardId);
		await db.reviews.bulkDelete(gone.map((r) => r.id));
		out.answersRemoved += gone.length;

		// Each affected card's log replayed once (its state written), and its answers stored with what the
		// scheduler logged for them in the merged log.
		for (const cardId of affected) {
			const replayed = await replayCard(db, f, cardId, added.get(cardId));
			if (replayed) await db.reviews.bulkPut(replayed.rows);
			out.cardsRebuilt++;
		}

		for (const c of changes) {
			if (c.kind === 'flag') {
				if (resetAt !== undefined && c.flag.updatedAt < resetAt) continue;
				const doc = 'f:' + c.flag.cardId;
				const theirs = { at: c.flag.updatedAt, device: c.device };
				const here = await db.cardFlags.get(c.flag.cardId);
				if (here && pending.has(doc) && later({ at: here.updatedAt, device }, theirs)) continue;
				await db.cardFlags.put(c.flag);
				out.flags++;
			} else if (c.kind === 'setting') {
				if (!SYNCED_SETTINGS.includes(c.key) || mineIsLater('s:' + c.key, c)) continue;
				await db.settings.put({ key: c.key, value: c.value });
				out.settings++;
			} else if (c.kind === 'quiz') {
				if (mineIsLater('q:' + c.quiz.id, c)) continue;
				await db.quizzes.put(c.quiz);
				out.quizzes++;
			}
		}
		await db.meta.bulkPut([
			{ key: SINCE_KEY, value: since },
			{ key: SYNCED_AT_KEY, value: Date.now() }
		]);
		return out;
	});
	const changed = new Set<string>();
	if (summary.answersAdded || summary.answersRemoved) changed.add('reviews').add('cardStates');
	if (summary.flags || summary.reset) changed.add('cardFlags');
	if (summary.settings) changed.add('settings');
	if (summary.quizzes) changed.add('quizzes');
	announceHere(db, changed);
	return summary;
}

/** Notes that a round with the server ended with nothing left to send or to receive. */
export async function markSynced(at = Date.now()): Promise<void> {
	await getDb().meta.put({ key: SYNCED_AT_KEY, value: at });
}
