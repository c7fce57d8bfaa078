// The ids of the cards that have a state (the cards with progress), kept beside the card states in a few rows
// (CardSetRow in model.ts), so that today's review tells a new card from one due later by reading those rows:
// in Chromium, 64 rows holding 10,000 ids read in a few milliseconds, where the 10,000 keys of the card states
// take a fifth of a second. A Dexie middleware sees each write to the cardStates table, whichever module makes it,
// and updates the rows in the same transaction. Imports nothing from index.ts or schema.ts (the schema registers it).
import type { DBCoreTable, DBCoreTransaction, Dexie, Transaction } from 'dexie';
import { keepDerived } from './derived.ts';
import type { CardSetRow } from '../model.ts';

export const CARD_SET_TABLE = 'cardSet';
const STATES = 'cardStates';
/** How many rows the ids are spread over. */
export const CARD_SET_BUCKETS = 64;
/** DBCore's range type of a whole table (Table.clear). */
const ANY_RANGE = 3;

/** The row a card's id is kept in (FNV-1a of the id). */
export function bucketOf(cardId: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < cardId.length; i++) {
		h ^= cardId.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0) % CARD_SET_BUCKETS;
}

/** The rows for a set of card ids (the upgrade that adds them, tests, the benchmark's seeding). */
export function cardSetRowsOf(cardIds: Iterable<string>): CardSetRow[] {
	const buckets = new Map<number, string[]>();
	for (const id of new Set(cardIds)) {
		const b = bucketOf(id);
		const list = buckets.get(b);
		if (list) list.push(id);
		else buckets.set(b, [id]);
	}
	return [...buckets].sort(([a], [b]) => a - b).map(([bucket, ids]) => ({ bucket, ids: ids.sort() }));
}

/** Adds (`on`) or takes away card ids in the rows, read once per transaction and written when they change. */
async function changeIds(
	rows: DBCoreTable,
	trans: DBCoreTransaction,
	read: Map<number, Set<string>>,
	ids: readonly string[],
	on: boolean
): Promise<void> {
	const byBucket = new Map<number, string[]>();
	for (const id of ids) {
		const b = bucketOf(id);
		const list = byBucket.get(b);
		if (list) list.push(id);
		else byBucket.set(b, [id]);
	}
	const unread = [...byBucket.keys()].filter((b) => !read.has(b));
	if (unread.length) {
		const found = (await rows.getMany({ trans, keys: unread })) as (CardSetRow | undefined)[];
		unread.forEach((b, i) => read.set(b, new Set(found[i]?.ids ?? [])));
	}
	const put: CardSetRow[] = [];
	const gone: number[] = [];
	for (const [b, list] of byBucket) {
		const set = read.get(b)!;
		const size = set.size;
		for (const id of list) {
			if (on) set.add(id);
			else set.delete(id);
		}
		if (set.size === size) continue;
		if (set.size) put.push({ bucket: b, ids: [...set].sort() });
		else gone.push(b);
	}
	if (put.length) await rows.mutate({ type: 'put', trans, values: put });
	if (gone.length) await rows.mutate({ type: 'delete', trans, keys: gone });
}

/**
 * Keeps the card set of `db` equal to the keys of its card states: every write transaction on the card states
 * also takes the set's table, and each write is followed, in order, by the change of the set it makes.
 */
export function keepCardSet(db: Dexie): void {
	const reads = new WeakMap<DBCoreTransaction, Map<number, Set<string>>>();
	keepDerived(db, STATES, CARD_SET_TABLE, async (table, rows, req) => {
		const keyOf = table.schema.primaryKey.extractKey!;
		let read = reads.get(req.trans);
		if (!read) reads.set(req.trans, (read = new Map()));
		if (req.type === 'deleteRange') {
			if (req.range.type === ANY_RANGE) {
				const result = await table.mutate(req);
				await rows.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
				for (let b = 0; b < CARD_SET_BUCKETS; b++) read.set(b, new Set());
				return result;
			}
			const before = await table.query({
				trans: req.trans,
				values: false,
				query: { index: table.schema.primaryKey, range: req.range }
			});
			const result = await table.mutate(req);
			await changeIds(rows, req.trans, read, before.result as string[], false);
			return result;
		}
		const keys = (
			req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => keyOf(v)))
		) as string[];
		const result = await table.mutate(req);
		const done = keys.filter((_, i) => !result.failures[i]);
		await changeIds(rows, req.trans, read, done, req.type !== 'delete');
		return result;
	});
}

/** The upgrade that adds the set: the keys of the card states there are. */
export async function fillCardSet(tx: Transaction): Promise<void> {
	const ids = (await tx.table(STATES).toCollection().primaryKeys()) as string[];
	await tx.table(CARD_SET_TABLE).clear();
	await tx.table(CARD_SET_TABLE).bulkAdd(cardSetRowsOf(ids));
}
