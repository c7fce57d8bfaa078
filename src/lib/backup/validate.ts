// Reading a backup file: everything is checked before anything is written, and a file with any
// problem is refused whole with a message that says what is wrong and where.
import { errorText } from '../errors.ts';
import type { CardFlagRow, QuizRow, ReviewRow } from '../model.ts';
import * as v from 'valibot';

import { DEFAULT_SETTINGS, validateSettings } from '../srs/settings.ts';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	MAX_BACKUP_BYTES,
	type BackupSettings,
	decodeReviews,
	type BackupV2,
	type CheckedBackup
} from './format.ts';

/** What the file is checked against: the deck this app has. */
export interface KnownIds {
	cardIds: ReadonlySet<string>;
	/** Quiz scopes: topic ids, document ids and "mixed". */
	scopes: ReadonlySet<string>;
}

export type ReadResult = { ok: true; backup: CheckedBackup } | { ok: false; message: string };

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);
/** Due dates may lie far ahead (the longest interval is 100 years). */
const MAX_DUE = Date.UTC(2300, 0, 1);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const whole = (min: number, max: number, message = `must be a whole number from ${min} to ${max}`) =>
	v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
const real = (min: number, max: number) => {
	const message = `must be a number from ${min} to ${max}`;
	return v.pipe(v.number(message), v.minValue(min, message), v.maxValue(max, message));
};
const time = whole(MIN_TIME, MAX_TIME, 'must be a time from 2000 to 2100, in epoch milliseconds');
const dueTime = whole(MIN_TIME, MAX_DUE, 'must be a time from 2000 to 2300, in epoch milliseconds');
const text = (max: number) =>
	v.pipe(v.string(`must be text`), v.maxLength(max, `must be text of at most ${max} characters`));
const rowId = v.pipe(
	v.string('must be text'),
	v.regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1 to 100 letters, digits, “-” or “_”')
);
const bool = v.boolean('must be true or false');
const obj = 'must be an object';

const ReviewSchema = v.strictObject(
	{
		id: rowId,
		cardId: text(200),
		rating: v.picklist([0, 1, 2, 3, 4], 'must be a whole number from 0 to 4'),
		reviewedAt: time,
		durationMs: whole(0, 10 * 60_000),
		state: whole(0, 3),
		due: dueTime,
		stability: real(0, 1e6),
		difficulty: real(0, 10),
		elapsedDays: real(0, 1e6),
		lastElapsedDays: real(0, 1e6),
		scheduledDays: real(0, 1e6),
		learningSteps: whole(0, 100)
	},
	obj
);

const FlagSchema = v.strictObject(
	{
		cardId: text(200),
		suspended: bool,
		buriedUntil: whole(0, MAX_DUE, 'must be 0 or a time before 2300, in epoch milliseconds'),
		updatedAt: whole(0, MAX_TIME, 'must be 0 or a time before 2100, in epoch milliseconds')
	},
	obj
);

const QuizSchema = v.strictObject(
	{
		id: rowId,
		scope: text(200),
		seed: real(-(2 ** 53), 2 ** 53),
		startedAt: time,
		finishedAt: v.nullable(time),
		cardIds: v.pipe(v.array(text(200), 'must be a list'), v.maxLength(1000, 'must list at most 1000 cards')),
		answers: v.pipe(
			v.array(
				v.strictObject(
					{
						cardId: text(200),
						form: v.picklist(['choice', 'truefalse', 'typed'], 'must be “choice”, “truefalse” or “typed”'),
						given: text(2000),
						correct: bool
					},
					obj
				),
				'must be a list'
			),
			v.maxLength(1000, 'must list at most 1000 answers')
		),
		score: whole(0, 1000)
	},
	obj
);

const list = v.array(v.unknown(), 'must be a list');
const settingsSchema = v.strictObject({ srs: v.optional(v.unknown()), knowledgeMap: v.optional(bool) }, obj);
const HeaderV1Schema = v.strictObject(
	{
		format: v.literal(BACKUP_FORMAT),
		version: v.literal(1),
		appVersion: text(50),
		exportedAt: time,
		settings: settingsSchema,
		cardFlags: list,
		quizzes: list,
		reviews: list
	},
	obj
);
const HeaderV2Schema = v.strictObject(
	{
		format: v.literal(BACKUP_FORMAT),
		version: v.literal(2),
		appVersion: text(50),
		exportedAt: time,
		settings: settingsSchema,
		cardFlags: list,
		quizzes: list,
		cardIds: list,
		reviews: v.strictObject({ id: list, card: list, rating: list, reviewedAt: list, durationMs: list }, obj),
		madeDue: v.strictObject({ review: list, state: list, due: list }, obj)
	},
	obj
);

// The rows the file yields are the rows the database stores: a change to either must change both.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rowsMatch: [
	Same<v.InferOutput<typeof ReviewSchema>, ReviewRow>,
	Same<v.InferOutput<typeof FlagSchema>, CardFlagRow>,
	Same<v.InferOutput<typeof QuizSchema>, QuizRow>
] = [true, true, true];
void rowsMatch;

function pathOf(issue: v.BaseIssue<unknown>, prefix = ''): string {
	let out = prefix;
	for (const item of issue.path ?? []) {
		out += typeof item.key === 'number' ? `[${item.key}]` : out ? `.${String(item.key)}` : String(item.key);
	}
	return out;
}

function shown(value: unknown): string {
	const s = JSON.stringify(value);
	if (s === undefined) return String(value);
	return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** One sentence for the first problem valibot found, naming where it is. */
function describe(issue: v.BaseIssue<unknown>, prefix = ''): string {
	const where = pathOf(issue, prefix) || 'The file';
	if (issue.type === 'strict_object' && issue.expected === 'never') {
		const key = String(issue.input);
		const owner = where.slice(0, -(key.length + 1)) || 'the file';
		return FORBIDDEN_KEYS.has(key)
			? `${owner} has the key “${key}”, which a backup never has`
			: `${owner} has the key “${key}”, which a backup does not have`;
	}
	if (issue.type === 'strict_object' && issue.received === 'undefined') return `${where} is missing`;
	return `${where} ${issue.message}, not ${shown(issue.input)}`;
}

/** A message when the file is too large to be a backup this app reads; null when its size is fine. */
export function checkSize(bytes: number): string | null {
	if (bytes <= MAX_BACKUP_BYTES) return null;
	const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
	return `The file is ${mb(bytes)}; a backup can be at most ${mb(MAX_BACKUP_BYTES)}`;
}

function checkSrs(raw: unknown): { ok: true; srs: BackupSettings['srs'] } | { ok: false; message: string } {
	if (raw === undefined) return { ok: true, srs: undefined };
	if (!raw || typeof raw !== 'object' || Array.isArray(raw))
		return { ok: false, message: `settings.srs ${obj}, not ${shown(raw)}` };
	for (const key of Object.keys(raw)) {
		if (!Object.hasOwn(DEFAULT_SETTINGS, key))
			return {
				ok: false,
				message: `settings.srs has the key “${key}”, which a backup ${FORBIDDEN_KEYS.has(key) ? 'never has' : 'does not have'}`
			};
	}
	const checked = validateSettings(raw);
	if (checked.ok) return { ok: true, srs: checked.settings };
	const [field, message] = Object.entries(checked.errors)[0]!;
	return { ok: false, message: `settings.srs.${field}: ${message}` };
}

type Options = { pause?: () => Promise<void>; onProgress?: (fraction: number) => void };
type Fail = { ok: false; message: string };
const fail = (message: string): Fail => ({ ok: false, message });

/**
 * Parses and checks a backup file's text (any version this app reads). `pause` is awaited between slices
 * of a long log, so a page doing this on its own thread stays responsive; `onProgress` hears the share of
 * the file checked (0–1).
 */
export async function readBackup(
	textOfFile: string,
	known: KnownIds,
	options: Options = {}
): Promise<ReadResult> {
	const size = checkSize(textOfFile.length);
	if (size) return fail(size);

	let value: unknown;
	try {
		value = JSON.parse(textOfFile);
	} catch (e) {
		return fail(`The file is not JSON (${errorText(e)}), so it is not a backup`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return fail('The file is JSON but not a backup: it holds no backup object');
	}
	const top = value as Record<string, unknown>;
	if (top.format !== BACKUP_FORMAT) {
		return fail(
			typeof top.format === 'string'
				? `The file is a “${shown(top.format).slice(1, -1)}” file, not a backup of this app (“${BACKUP_FORMAT}”)`
				: `The file is JSON but not a backup of this app: it has no "format": "${BACKUP_FORMAT}"`
		);
	}
	if (top.version === 1) return readV1(value, known, options);
	if (top.version === 2) return readV2(value, known, options);
	return fail(
		typeof top.version === 'number' && top.version > BACKUP_VERSION
			? `The backup is version ${top.version}, written by a newer version of the app; this app reads versions 1 to ${BACKUP_VERSION}. Update the app, then import it again`
			: `The backup's version is ${shown(top.version)}; this app reads versions 1 to ${BACKUP_VERSION}`
	);
}

function readSettings(raw: v.InferOutput<typeof settingsSchema>): BackupSettings | Fail {
	const srs = checkSrs(raw.srs);
	if (!srs.ok) return fail(srs.message);
	const settings: BackupSettings = {};
	if (srs.srs) settings.srs = srs.srs;
	if (raw.knowledgeMap !== undefined) settings.knowledgeMap = raw.knowledgeMap;
	return settings;
}

/** Checks rows one by one against a schema; a message naming the first bad one, or the rows. */
async function checkRows<T>(
	name: string,
	input: unknown[],
	schema: v.GenericSchema<unknown, T>,
	tick: () => Promise<void> | undefined
): Promise<T[] | string> {
	const out: T[] = new Array(input.length);
	for (let i = 0; i < input.length; i++) {
		const r = v.safeParse(schema, input[i], { abortEarly: true });
		if (!r.success) return describe(r.issues[0], `${name}[${i}]`);
		out[i] = r.output;
		const paused = tick();
		if (paused) await paused;
	}
	return out;
}

/** Counts checked rows: every 1,000 (a few tens of milliseconds of checking) it reports and pauses. */
function ticker(total: number, options: Options): () => Promise<void> | undefined {
	let checked = 0;
	return () => {
		if (++checked % 1000 !== 0) return undefined;
		options.onProgress?.(checked / total);
		return options.pause?.();
	};
}

async function readV1(value: unknown, known: KnownIds, options: Options): Promise<ReadResult> {
	const header = v.safeParse(HeaderV1Schema, value, { abortEarly: true });
	if (!header.success) return fail(describe(header.issues[0]));
	const h = header.output;
	const settings = readSettings(h.settings);
	if ('ok' in settings) return settings;

	const tick = ticker(h.reviews.length + h.cardFlags.length + h.quizzes.length, options);
	const cardFlags = await checkRows('cardFlags', h.cardFlags, FlagSchema, tick);
	if (typeof cardFlags === 'string') return fail(cardFlags);
	const quizzes = await checkRows('quizzes', h.quizzes, QuizSchema, tick);
	if (typeof quizzes === 'string') return fail(quizzes);
	const reviews = await checkRows('reviews', h.reviews, ReviewSchema, tick);
	if (typeof reviews === 'string') return fail(reviews);
	options.onProgress?.(1);

	const problem = checkRelations(
		reviews.map((r) => r.id),
		reviews.map((r) => r.cardId),
		cardFlags,
		quizzes,
		known
	);
	if (problem) return fail(problem);
	return {
		ok: true,
		backup: {
			version: 1,
			appVersion: h.appVersion,
			exportedAt: h.exportedAt,
			settings,
			cardFlags,
			quizzes,
			reviews
		}
	};
}

const REVIEW_ID = /^[A-Za-z0-9_-]{1,100}$/;
const isWhole = (x: unknown, min: number, max: number): x is number =>
	typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

/** The first value of a column that fails `ok`, as a message naming it; null when all pass. */
function checkColumn(
	name: string,
	column: readonly unknown[],
	ok: (x: unknown, i: number) => boolean,
	must: string
): string | null {
	for (let i = 0; i < column.length; i++) {
		if (!ok(column[i], i)) return `${name}[${i}] ${must}, not ${shown(column[i])}`;
	}
	return null;
}

async function readV2(value: unknown, known: KnownIds, options: Options): Promise<ReadResult> {
	const header = v.safeParse(HeaderV2Schema, value, { abortEarly: true });
	if (!header.success) return fail(describe(header.issues[0]));
	const h = header.output;
	const settings = readSettings(h.settings);
	if ('ok' in settings) return settings;

	const tick = ticker(h.cardFlags.length + h.quizzes.length, options);
	const cardFlags = await checkRows('cardFlags', h.cardFlags, FlagSchema, tick);
	if (typeof cardFlags === 'string') return fail(cardFlags);
	const quizzes = await checkRows('quizzes', h.quizzes, QuizSchema, tick);
	if (typeof quizzes === 'string') return fail(quizzes);
	options.onProgress?.(0.1);

	const cards = h.cardIds;
	const { id, card, rating, reviewedAt, durationMs } = h.reviews;
	const n = id.length;
	for (const [key, column] of Object.entries(h.reviews)) {
		if (column.length !== n)
			return fail(
				`reviews.${key} has ${column.length} values, but reviews.id has ${n}: every column has one value per review`
			);
	}
	const { review: dueAt, state: dueState, due } = h.madeDue;
	for (const [key, column] of Object.entries(h.madeDue)) {
		if (column.length !== dueAt.length)
			return fail(
				`madeDue.${key} has ${column.length} values, but madeDue.review has ${dueAt.length}: every column has one value per review made due`
			);
	}
	const lastCard = cards.length - 1;
	const problem =
		checkColumn(
			'cardIds',
			cards,
			(x) => typeof x === 'string' && x.length <= 200,
			'must be text of at most 200 characters'
		) ??
		checkColumn(
			'reviews.id',
			id,
			(x) => typeof x === 'string' && REVIEW_ID.test(x),
			'must be 1 to 100 letters, digits, “-” or “_”'
		) ??
		checkColumn(
			'reviews.card',
			card,
			(x) => isWhole(x, 0, lastCard),
			cards.length
				? `must be the index of one of the ${cards.length} cardIds (0 to ${lastCard})`
				: 'must be the index of one of the cardIds, and there are none'
		) ??
		checkColumn('reviews.rating', rating, (x) => isWhole(x, 0, 4), 'must be a whole number from 0 to 4') ??
		checkColumn(
			'reviews.reviewedAt',
			reviewedAt,
			(x) => isWhole(x, MIN_TIME, MAX_TIME),
			'must be a time from 2000 to 2100, in epoch milliseconds'
		) ??
		checkColumn(
			'reviews.durationMs',
			durationMs,
			(x) => isWhole(x, 0, 10 * 60_000),
			`must be a whole number from 0 to ${10 * 60_000}`
		) ??
		checkColumn(
			'madeDue.review',
			dueAt,
			(x, k) => isWhole(x, 0, n - 1) && (k === 0 || x > (dueAt[k - 1] as number)),
			n
				? `must be the index of a review (0 to ${n - 1}), each after the one before`
				: 'must be the index of a review, and there are none'
		) ??
		checkColumn('madeDue.state', dueState, (x) => isWhole(x, 0, 3), 'must be a whole number from 0 to 3') ??
		checkColumn(
			'madeDue.due',
			due,
			(x) => isWhole(x, MIN_TIME, MAX_DUE),
			'must be a time from 2000 to 2300, in epoch milliseconds'
		);
	if (problem) return fail(problem);
	options.onProgress?.(0.7);

	// Every made-due review is listed in madeDue, and only those.
	let k = 0;
	for (let i = 0; i < n; i++) {
		const listed = dueAt[k] === i;
		if (listed) k++;
		if (rating[i] === 0 && !listed)
			return fail(`reviews.rating[${i}] is 0 (made due), but madeDue.review does not list review ${i}`);
		if (rating[i] !== 0 && listed)
			return fail(
				`madeDue.review[${k - 1}] is review ${i}, whose rating is ${String(rating[i])}, not 0 (made due)`
			);
	}

	const cardIds = cards as string[];
	const relations = checkRelations(id as string[], cardIds, cardFlags, quizzes, known, 'cardIds');
	if (relations) return fail(relations);
	options.onProgress?.(0.9);

	// Every value is checked: the columns are what the format says they are.
	const reviews = decodeReviews(h as unknown as Pick<BackupV2, 'cardIds' | 'reviews' | 'madeDue'>);
	options.onProgress?.(1);
	return {
		ok: true,
		backup: {
			version: 2,
			appVersion: h.appVersion,
			exportedAt: h.exportedAt,
			settings,
			cardFlags,
			quizzes,
			reviews
		}
	};
}

function firstRepeat(ids: Iterable<string>): { id: string; index: number } | null {
	const seen = new Set<string>();
	let index = 0;
	for (const id of ids) {
		if (seen.has(id)) return { id, index };
		seen.add(id);
		index++;
	}
	return null;
}

/**
 * Checks what one row cannot: unique ids, cards this deck has, quizzes that add up. `cardIds` are the
 * cards the log names (version 2: its table of card ids, which must not repeat either).
 */
function checkRelations(
	reviewIds: readonly string[],
	cardIds: readonly string[],
	flags: readonly CardFlagRow[],
	quizzes: readonly QuizRow[],
	known: KnownIds,
	cardTable?: string
): string | null {
	const sets: [string, readonly string[], string][] = [
		[cardTable === undefined ? 'reviews' : 'reviews.id', reviewIds, 'id'],
		['cardFlags', flags.map((f) => f.cardId), 'card'],
		['quizzes', quizzes.map((q) => q.id), 'id']
	];
	if (cardTable !== undefined) sets.unshift([cardTable, cardIds, 'card']);
	for (const [name, ids, what] of sets) {
		const repeat = firstRepeat(ids);
		if (repeat) return `${name}[${repeat.index}] repeats the ${what} “${repeat.id}”`;
	}

	const unknown = new Set<string>();
	const note = (id: string) => {
		if (!known.cardIds.has(id)) unknown.add(id);
	};
	cardIds.forEach(note);
	for (const f of flags) note(f.cardId);
	for (const q of quizzes) {
		q.cardIds.forEach(note);
		q.answers.forEach((a) => note(a.cardId));
	}
	if (unknown.size) {
		const names = [...unknown].slice(0, 3).map((id) => `“${id}”`);
		const more = unknown.size > 3 ? ` and ${unknown.size - 3} more` : '';
		return `The file names ${unknown.size === 1 ? 'a card' : `${unknown.size} cards`} this deck does not have: ${names.join(', ')}${more}`;
	}

	for (const [i, q] of quizzes.entries()) {
		if (!known.scopes.has(q.scope))
			return `quizzes[${i}].scope “${q.scope}” is not a topic, a document or “mixed”`;
		if (q.score > q.cardIds.length)
			return `quizzes[${i}].score ${q.score} is more than its ${q.cardIds.length} cards`;
		if (q.answers.length > q.cardIds.length) return `quizzes[${i}] has more answers than cards`;
		if (q.finishedAt !== null && q.finishedAt < q.startedAt) return `quizzes[${i}] finishes before it starts`;
	}
	return null;
}
