// The review log counted by day (AnswerCountRow in model.ts), kept by every write of the log. A Dexie middleware
// sees each write to the reviews table, whichever module makes it (an answer, Undo, a backup import, sync, the
// journal's recovery, the move of renamed cards, Reset progress, answers re-dated from the future), and updates
// the counts in the same transaction: what it adds is counted in, what it deletes is counted out, and a row put
// over another counts out the old row and in the new. The stats page then reads a row a day, never the log.
// Imports nothing from index.ts or schema.ts (the schema registers it), and nothing from Dexie but types.
import type { DBCoreTable, DBCoreTransaction, Dexie, Transaction } from 'dexie';
import { keepDerived } from './derived.ts';
import type { AnswerCountRow, QuarterCounts, ReviewRow } from '../model.ts';

export const COUNTS_TABLE = 'answerCounts';
const REVIEWS = 'reviews';

export const DAY_MS = 86_400_000;
export const QUARTER_MS = 900_000;
/** Review state (ts-fsrs State.Review): its answers give true retention. */
const REVIEW_STATE = 2;
/** DBCore's range type of a whole table (Table.clear). */
const ANY_RANGE = 3;

type Counted = Pick<ReviewRow, 'rating' | 'reviewedAt' | 'state' | 'durationMs'>;

/** Changes to the counts, by day and quarter. */
export type CountChanges = Map<number, Map<number, QuarterCounts>>;

const zero = (): QuarterCounts => [0, 0, 0, 0, 0, 0];

/** Counts one review in (`sign` 1) or out (-1). Rating 0 rows ("made due") are not answers: they count nothing. */
export function countReview(changes: CountChanges, review: Counted, sign: 1 | -1): void {
	if (!(review.rating >= 1 && review.rating <= 4) || !Number.isFinite(review.reviewedAt)) return;
	const day = Math.floor(review.reviewedAt / DAY_MS);
	const quarter = Math.floor((review.reviewedAt - day * DAY_MS) / QUARTER_MS);
	let quarters = changes.get(day);
	if (!quarters) changes.set(day, (quarters = new Map()));
	let counts = quarters.get(quarter);
	if (!counts) quarters.set(quarter, (counts = zero()));
	counts[0] += sign;
	if (review.state === REVIEW_STATE) counts[review.rating] += sign;
	counts[5] += sign * (Number.isFinite(review.durationMs) ? review.durationMs : 0);
}

/** The changes without those that cancel out (a row put again with the same time and rating). */
function nonZero(changes: CountChanges): CountChanges {
	const out: CountChanges = new Map();
	for (const [day, quarters] of changes) {
		for (const [quarter, counts] of quarters) {
			if (counts.every((n) => n === 0)) continue;
			let kept = out.get(day);
			if (!kept) out.set(day, (kept = new Map()));
			kept.set(quarter, counts);
		}
	}
	return out;
}

/** `row` (undefined: none yet) with `changes` applied; null when nothing is left in it. */
export function applyChanges(
	day: number,
	row: AnswerCountRow | undefined,
	changes: ReadonlyMap<number, QuarterCounts>
): AnswerCountRow | null {
	const quarters: Record<number, QuarterCounts> = {};
	for (const [q, counts] of Object.entries(row?.quarters ?? {})) quarters[Number(q)] = [...counts];
	for (const [q, change] of changes) {
		const counts = (quarters[q] ??= zero());
		// Never below zero, even for a row the counts never had (written by something that did not count it).
		change.forEach((n, i) => (counts[i] = Math.max(0, counts[i]! + n)));
		// An answer counted out leaves its quarter as it was before; a quarter with no answers left goes.
		if (counts[0] === 0) delete quarters[q];
	}
	return Object.keys(quarters).length ? { day, quarters } : null;
}

/** The count rows of a whole log (the upgrade that adds them, tests, the benchmark's seeding). */
export function countRowsOf(reviews: Iterable<Counted>): AnswerCountRow[] {
	const changes: CountChanges = new Map();
	for (const r of reviews) countReview(changes, r, 1);
	return [...changes]
		.sort(([a], [b]) => a - b)
		.flatMap(([day, quarters]) => applyChanges(day, undefined, quarters) ?? []);
}

/** Sums the quarters of `rows` that begin in each span of `bounds` (ascending; n + 1 of them for n spans). */
export function sumSpans(rows: readonly AnswerCountRow[], bounds: readonly number[]): QuarterCounts[] {
	const sums = Array.from({ length: Math.max(0, bounds.length - 1) }, zero);
	if (!sums.length) return sums;
	const first = bounds[0]!;
	const last = bounds[bounds.length - 1]!;
	for (const row of rows) {
		for (const [q, counts] of Object.entries(row.quarters)) {
			const at = row.day * DAY_MS + Number(q) * QUARTER_MS;
			if (at < first || at >= last) continue;
			// The last bound at or before `at` (binary search: the heatmap has 180 spans).
			let lo = 0;
			let hi = sums.length - 1;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (bounds[mid]! <= at) lo = mid;
				else hi = mid - 1;
			}
			const sum = sums[lo]!;
			counts.forEach((n, i) => (sum[i] = sum[i]! + n));
		}
	}
	return sums;
}

/** The UTC days whose rows hold the quarters of [from, to). */
export const daysOf = (from: number, to: number): [number, number] => [
	Math.floor(from / DAY_MS),
	Math.floor((to - 1) / DAY_MS)
];

/** Writes `changes` to the count rows inside the caller's transaction, at the DBCore level. */
async function writeChanges(
	counts: DBCoreTable,
	trans: DBCoreTransaction,
	changes: CountChanges
): Promise<void> {
	const changed = nonZero(changes);
	if (!changed.size) return;
	const days = [...changed.keys()];
	const rows = (await counts.getMany({ trans, keys: days })) as (AnswerCountRow | undefined)[];
	const put: AnswerCountRow[] = [];
	const gone: number[] = [];
	days.forEach((day, i) => {
		const row = applyChanges(day, rows[i], changed.get(day)!);
		if (row) put.push(row);
		else if (rows[i]) gone.push(day);
	});
	if (put.length) await counts.mutate({ type: 'put', trans, values: put });
	if (gone.length) await counts.mutate({ type: 'delete', trans, keys: gone });
}

/**
 * Keeps the count rows of `db` equal to its log: every write transaction on the reviews table also takes the
 * counts table, and each write to the log is counted right after it, in order (the writes to the log in one
 * transaction are made one after another here, so two of them never read and write one day's row at once).
 */
export function keepAnswerCounts(db: Dexie): void {
	keepDerived(db, REVIEWS, COUNTS_TABLE, async (table, counts, req) => {
		const keyOf = table.schema.primaryKey.extractKey!;
		const changes: CountChanges = new Map();
		if (req.type === 'deleteRange') {
			if (req.range.type === ANY_RANGE) {
				const result = await table.mutate(req);
				await counts.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
				return result;
			}
			const before = (await table.query({
				trans: req.trans,
				values: true,
				query: { index: table.schema.primaryKey, range: req.range }
			})) as { result: ReviewRow[] };
			const result = await table.mutate(req);
			for (const r of before.result) countReview(changes, r, -1);
			await writeChanges(counts, req.trans, changes);
			return result;
		}
		const keys = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => keyOf(v)));
		const before =
			req.type === 'add'
				? []
				: ((await table.getMany({ trans: req.trans, keys })) as (ReviewRow | undefined)[]);
		const result = await table.mutate(req);
		keys.forEach((_, i) => {
			if (result.failures[i]) return;
			const old = before[i];
			if (old) countReview(changes, old, -1);
			if (req.type !== 'delete') countReview(changes, req.values[i] as ReviewRow, 1);
		});
		await writeChanges(counts, req.trans, changes);
		return result;
	});
}

/** Rows read at a time by the upgrade that counts an existing log. */
const PAGE = 20_000;

/** The upgrade that adds the counts: counts the existing log, page by page, in the upgrade's transaction. */
export async function fillAnswerCounts(tx: Transaction): Promise<void> {
	const reviews = tx.table<ReviewRow, string>(REVIEWS);
	const changes: CountChanges = new Map();
	let last: string | undefined;
	for (;;) {
		const page = await (last === undefined ? reviews.orderBy(':id') : reviews.where(':id').above(last))
			.limit(PAGE)
			.toArray();
		for (const r of page) countReview(changes, r, 1);
		if (page.length < PAGE) break;
		last = page[page.length - 1]!.id;
	}
	const rows = [...changes].flatMap(([day, quarters]) => applyChanges(day, undefined, quarters) ?? []);
	await tx.table(COUNTS_TABLE).clear();
	await tx.table(COUNTS_TABLE).bulkAdd(rows);
}
