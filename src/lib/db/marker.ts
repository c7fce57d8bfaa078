// The review log's size, noted outside IndexedDB (in localStorage) after each write, so that a database that
// comes back smaller or empty (a browser that cleared the site's storage, a disk that filled up) is noticed at
// once rather than taken as a fresh start. Only this note is kept there, never the data: it is a few bytes.
import type { DBCoreTransaction, Dexie } from 'dexie';

export interface LogSizeNote {
	/** Reviews in the log. */
	reviews: number;
	/** When that was noted. */
	at: number;
}

/** The note for a database (none where there is no localStorage: workers, the unit tests without one). */
const storage = (): Storage | null => {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
};
const keyOf = (db: Dexie) => `${db.name}:log-size`;

export function readLogSizeNote(db: Dexie): LogSizeNote | null {
	try {
		const note = JSON.parse(storage()?.getItem(keyOf(db)) ?? 'null') as Partial<LogSizeNote> | null;
		return note && Number.isInteger(note.reviews) && typeof note.at === 'number'
			? (note as LogSizeNote)
			: null;
	} catch {
		return null;
	}
}

function writeNote(db: Dexie, reviews: number, now = Date.now()): void {
	try {
		storage()?.setItem(keyOf(db), JSON.stringify({ reviews: Math.max(0, reviews), at: now }));
	} catch {
		// A full localStorage: the note stays as it was, and the next count puts it right.
	}
}

/** Counts the log and notes its size. */
export async function refreshLogSize(db: Dexie): Promise<number> {
	const reviews = await db.table('reviews').count();
	writeNote(db, reviews);
	return reviews;
}

/** The log was found smaller than noted: what there is now, and what the note said. */
export interface LogShrank {
	now: number;
	before: LogSizeNote;
}

/**
 * Compares the log with the note: null when it is as large or larger (the note then follows it), else what was
 * found. The note is left as it is until the learner restores a backup or accepts the loss (`acceptLogSize`).
 */
export async function checkLogSize(db: Dexie): Promise<LogShrank | null> {
	if (!storage()) return null;
	const before = readLogSizeNote(db);
	const now = await db.table('reviews').count();
	if (before && now < before.reviews) return { now, before };
	if (!before || now !== before.reviews) writeNote(db, now);
	return null;
}

/**
 * Keeps the note up to date with this connection's writes: after each write transaction that added or deleted
 * reviews commits, by what it added or deleted (a cleared log is counted again). Call before the database opens.
 */
export function keepLogSize(db: Dexie): void {
	if (!storage()) return;
	const changes = new WeakMap<DBCoreTransaction, { delta: number; recount: boolean }>();
	db.use({
		stack: 'dbcore',
		name: 'keepLogSize',
		create: (down) => ({
			...down,
			transaction(stores, mode, options) {
				const trans = down.transaction(stores, mode, options);
				if (mode === 'readwrite' && stores.includes('reviews')) {
					const change = { delta: 0, recount: false };
					changes.set(trans, change);
					(trans as unknown as Partial<EventTarget>).addEventListener?.(
						'complete',
						() => {
							const note = readLogSizeNote(db);
							if (change.recount || !note) void refreshLogSize(db).catch(() => {});
							else if (change.delta) writeNote(db, note.reviews + change.delta);
						},
						{ once: true }
					);
				}
				return trans;
			},
			table(name) {
				const table = down.table(name);
				if (name !== 'reviews') return table;
				return {
					...table,
					async mutate(request) {
						const result = await table.mutate(request);
						const change = changes.get(request.trans);
						if (change) {
							if (request.type === 'add') change.delta += request.values.length - result.numFailures;
							else if (request.type === 'delete') change.delta -= request.keys.length - result.numFailures;
							else if (request.type === 'deleteRange') change.recount = true;
						}
						return result;
					}
				};
			}
		})
	});
}
