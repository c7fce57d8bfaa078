// While sync is on, every write to the synced tables also notes, in the same transaction, which document it
// changed (the sync outbox), whichever module makes the write: answers, Undo, flags, settings, quizzes, a
// backup import, Reset progress. The sync sends what the outbox names, then forgets those notes. A Dexie
// middleware sees every write made through the connection. A transaction that names the outbox itself (the
// sync applying what arrived from the server, db/sync.ts) keeps it in its own hands and is not noted.
import type { DBCoreMutateRequest, DBCoreTransaction, Dexie } from 'dexie';
import type { OutboxRow } from '../model.ts';
import { onChangeElsewhere } from './changes.ts';

export const OUTBOX = 'syncOutbox';
/** Meta key: whether this browser syncs (set by signing in, cleared by signing out). */
export const SYNC_ON_KEY = 'syncOn';

/** The tables sync sends, and the prefix of their documents' ids. */
const PREFIX: Record<string, string> = { reviews: 'r:', cardFlags: 'f:', settings: 's:', quizzes: 'q:' };

const recording = new WeakMap<Dexie, boolean>();

/** Whether `db`'s writes are noted in the outbox now. */
export function isRecording(db: Dexie): boolean {
	return recording.get(db) === true;
}

/** Turns the noting on or off for this connection (other tabs read the meta flag when they hear of it). */
export function setRecording(db: Dexie, on: boolean): void {
	recording.set(db, on);
}

/** Makes `db` note its synced writes while sync is on. Call before the database opens. */
export function recordForSync(db: Dexie): void {
	if (recording.has(db)) return;
	recording.set(db, false);
	const read = async (source: Dexie) => {
		const row = (await source.table('meta').get(SYNC_ON_KEY)) as { value?: unknown } | undefined;
		recording.set(db, row?.value === true);
	};
	db.on('ready', (vip) => read(vip as Dexie), true);
	// Signing in or out in another tab changes the meta flag.
	onChangeElsewhere(db, (tables) => {
		if (tables.has('meta')) void read(db).catch(() => {});
	});

	const noting = new WeakSet<DBCoreTransaction>();
	db.use({
		stack: 'dbcore',
		name: 'syncOutbox',
		create: (down) => ({
			...down,
			transaction(stores, mode, options) {
				const note =
					mode === 'readwrite' &&
					recording.get(db) === true &&
					!stores.includes(OUTBOX) &&
					stores.some((s) => s in PREFIX);
				const trans = down.transaction(note ? [...stores, OUTBOX] : stores, mode, options);
				if (note) noting.add(trans);
				return trans;
			},
			table(name) {
				const table = down.table(name);
				const prefix = PREFIX[name];
				if (!prefix) return table;
				const keyOf = table.schema.primaryKey.extractKey;
				return {
					...table,
					async mutate(request: DBCoreMutateRequest) {
						const result = await table.mutate(request);
						if (!noting.has(request.trans)) return result;
						const at = Date.now();
						let rows: OutboxRow[] = [];
						if (request.type === 'add' || request.type === 'put') {
							const keys = request.keys ?? request.values.map((v) => keyOf?.(v));
							rows = keys.map((key) => ({ doc: prefix + String(key), at }));
						} else if (request.type === 'delete') {
							rows = request.keys.map((key) => ({ doc: prefix + String(key), at }));
						} else if (request.type === 'deleteRange' && name === 'reviews') {
							// The log cleared: Reset progress, which every device then applies to the answers before it.
							rows = [{ doc: 'reset', at }];
						}
						if (rows.length)
							await down.table(OUTBOX).mutate({ type: 'add', trans: request.trans, values: rows });
						return result;
					}
				};
			}
		})
	});
}
