// Reading a backup file: everything is checked before anything is written, and a file with any
// problem is refused whole with a message that says what is wrong and where.
import { errorText } from '../errors.ts';
import type { Exact } from './exact.ts';
import type { CardFlagRow, QuizRow, ReviewRow } from '../model.ts';
import * as v from 'valibot';
import { SettingsSchema, settingsErrors } from '../srs/settings.ts';
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
	/** The deck's cards, and the ids of cards replaced or retired (a backup made before may name them). */
	cardIds: ReadonlySet<string>;
	/** Old card id → the card that replaces it: a backup's rows under an old id are imported as the new card's. */
	renamed?: ReadonlyMap<string, string>;
	/** Quiz scopes: topic ids, document ids and "mixed". */
	scopes: ReadonlySet<string>;
}

export type ReadResult = { ok: true; backup: CheckedBackup } | { ok: false; message: string };
type Options = { pause?: () => Promise<void>; onProgress?: (fraction: number) => void };
type Fail = { ok: false; message: string };
const fail = (message: string): Fail => ({ ok: false, message });

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
const text = (max: number, notText = 'must be text') =>
	v.pipe(v.string(notText), v.maxLength(max, `must be text of at most ${max} characters`));
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const idMessage = 'must be 1 to 100 letters, digits, “-” or “_”';
const rowId = v.pipe(v.string('must be text'), v.regex(ID, idMessage));
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
		learningSteps: whole(0, 100),
		scheduledDue: v.optional(dueTime)
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
						correct: bool,
						nearly: v.optional(bool)
					},
					obj
				),
				'must be a list'
			),
			v.maxLength(1000, 'must list at most 1000 answers')
		),
		score: whole(0, 1000),
		retryOf: v.optional(rowId)
	},
	obj
);

/** Checked as a list, not copied: a column of the log holds up to 300,000 values. */
const list = v.custom<unknown[]>(Array.isArray, 'must be a list');
const HeaderSettingsSchema = v.strictObject(
	{ srs: v.optional(v.unknown()), knowledgeMap: v.optional(bool) },
	obj
);
const HeaderV1Schema = v.strictObject(
	{
		format: v.literal(BACKUP_FORMAT),
		version: v.literal(1),
		appVersion: text(50),
		exportedAt: time,
		settings: HeaderSettingsSchema,
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
		settings: HeaderSettingsSchema,
		cardFlags: list,
		quizzes: list,
		cardIds: list,
		reviews: v.strictObject({ id: list, card: list, rating: list, reviewedAt: list, durationMs: list }, obj),
		madeDue: v.strictObject({ review: list, state: list, due: list }, obj),
		// Added later than the keys above: files without it still import.
		scheduledDue: v.optional(v.strictObject({ review: list, due: list }, obj))
	},
	obj
);

// The rows the file yields are the rows the database stores: a change to either must change both. The types
// must be one (exact.ts): the same keys, optional ones included, each of the same type.
const rowsMatch: [
	Exact<v.InferOutput<typeof ReviewSchema>, ReviewRow>,
	Exact<v.InferOutput<typeof FlagSchema>, CardFlagRow>,
	Exact<v.InferOutput<typeof QuizSchema>, QuizRow>
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

/** The review settings a backup carries: those the app validates, with no key the app does not know. */
const SrsSchema = v.pipe(
	v.custom<object>((x) => !!x && typeof x === 'object' && !Array.isArray(x), obj),
	v.strictObject(SettingsSchema.entries, obj)
);

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

function readBackupSettings(raw: v.InferOutput<typeof HeaderSettingsSchema>): BackupSettings | Fail {
	const settings: BackupSettings = {};
	if (raw.srs !== undefined) {
		const parsed = v.safeParse(SrsSchema, raw.srs);
		if (!parsed.success) {
			// A key a backup does not have is named first, then the first bad field in the settings' own words.
			const unknownKey = parsed.issues.find((i) => i.type === 'strict_object' && i.expected === 'never');
			const [field, message] = Object.entries(settingsErrors(parsed.issues))[0] ?? [];
			return fail(
				unknownKey || !field
					? describe(unknownKey ?? parsed.issues[0], 'settings.srs')
					: `settings.srs.${field}: ${message}`
			);
		}
		settings.srs = parsed.output;
	}
	if (raw.knowledgeMap !== undefined) settings.knowledgeMap = raw.knowledgeMap;
	return settings;
}

/**
 * Checks values (rows, or a column's values) one by one; a message naming the first bad one, or the values.
 * The schemas transform nothing (input and output types are one), so what passes is taken as it is, uncopied.
 */
async function checkEach<T>(
	name: string,
	input: unknown[],
	schema: v.GenericSchema<T>,
	tick: () => Promise<void> | undefined
): Promise<T[] | string> {
	for (let i = 0; i < input.length; i++) {
		if (!v.is(schema, input[i]))
			return describe(v.safeParse(schema, input[i], { abortEarly: true }).issues![0], `${name}[${i}]`);
		const paused = tick();
		if (paused) await paused;
	}
	return input as T[];
}

/**
 * Counts checked values: every `every` (a few tens of milliseconds of checking: 1,000 rows, 20,000 values of
 * a column) it reports the share checked, as `from` to `to` of the file, and pauses.
 */
function ticker(total: number, options: Options, every = 1000, from = 0, to = 1) {
	let checked = 0;
	return (): Promise<void> | undefined => {
		if (++checked % every !== 0) return undefined;
		options.onProgress?.(from + ((to - from) * checked) / total);
		return options.pause?.();
	};
}

async function readV1(value: unknown, known: KnownIds, options: Options): Promise<ReadResult> {
	const header = v.safeParse(HeaderV1Schema, value, { abortEarly: true });
	if (!header.success) return fail(describe(header.issues[0]));
	const h = header.output;
	const settings = readBackupSettings(h.settings);
	if ('ok' in settings) return settings;

	const tick = ticker(h.reviews.length + h.cardFlags.length + h.quizzes.length, options);
	const cardFlags = await checkEach('cardFlags', h.cardFlags, FlagSchema, tick);
	if (typeof cardFlags === 'string') return fail(cardFlags);
	const quizzes = await checkEach('quizzes', h.quizzes, QuizSchema, tick);
	if (typeof quizzes === 'string') return fail(quizzes);
	const reviews = await checkEach('reviews', h.reviews, ReviewSchema, tick);
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

async function readV2(value: unknown, known: KnownIds, options: Options): Promise<ReadResult> {
	const header = v.safeParse(HeaderV2Schema, value, { abortEarly: true });
	if (!header.success) return fail(describe(header.issues[0]));
	const h = header.output;
	const settings = readBackupSettings(h.settings);
	if ('ok' in settings) return settings;

	const tick = ticker(h.cardFlags.length + h.quizzes.length, options, 1000, 0, 0.1);
	const cardFlags = await checkEach('cardFlags', h.cardFlags, FlagSchema, tick);
	if (typeof cardFlags === 'string') return fail(cardFlags);
	const quizzes = await checkEach('quizzes', h.quizzes, QuizSchema, tick);
	if (typeof quizzes === 'string') return fail(quizzes);
	options.onProgress?.(0.1);

	const { cardIds, reviews: r, madeDue } = h;
	const moved = h.scheduledDue ?? { review: [], due: [] };
	const n = r.id.length;
	for (const [key, column] of Object.entries(r)) {
		if (column.length !== n)
			return fail(
				`reviews.${key} has ${column.length} values, but reviews.id has ${n}: every column has one value per review`
			);
	}
	for (const [key, column] of Object.entries(madeDue)) {
		if (column.length !== madeDue.review.length)
			return fail(
				`madeDue.${key} has ${column.length} values, but madeDue.review has ${madeDue.review.length}: every column has one value per review made due`
			);
	}
	if (moved.due.length !== moved.review.length)
		return fail(
			`scheduledDue.due has ${moved.due.length} values, but scheduledDue.review has ${moved.review.length}: every column has one value per review moved`
		);
	const cardIndex = cardIds.length
		? `must be the index of one of the ${cardIds.length} cardIds (0 to ${cardIds.length - 1})`
		: 'must be the index of one of the cardIds, and there are none';
	const reviewIndex = n
		? `must be the index of a review (0 to ${n - 1}), each after the one before`
		: 'must be the index of a review, and there are none';
	const columns: [string, unknown[], v.GenericSchema][] = [
		['cardIds', cardIds, text(200, 'must be text of at most 200 characters')],
		['reviews.id', r.id, v.pipe(v.string(idMessage), v.regex(ID, idMessage))],
		['reviews.card', r.card, whole(0, cardIds.length - 1, cardIndex)],
		['reviews.rating', r.rating, whole(0, 4)],
		['reviews.reviewedAt', r.reviewedAt, time],
		['reviews.durationMs', r.durationMs, whole(0, 10 * 60_000)],
		['madeDue.review', madeDue.review, whole(0, n - 1, reviewIndex)],
		['madeDue.state', madeDue.state, whole(0, 3)],
		['madeDue.due', madeDue.due, dueTime],
		['scheduledDue.review', moved.review, whole(0, n - 1, reviewIndex)],
		['scheduledDue.due', moved.due, dueTime]
	];
	const total = columns.reduce((sum, [, column]) => sum + column.length, 0);
	const tickColumns = ticker(total, options, 20_000, 0.1, 0.7);
	for (const [name, column, item] of columns) {
		// madeDue.review and scheduledDue.review ascend: the first value that does not is named, unless a bad
		// value comes before it.
		const down =
			name !== 'madeDue.review' && name !== 'scheduledDue.review'
				? -1
				: column.findIndex((x, i) => i > 0 && (x as number) <= (column[i - 1] as number));
		const bad = await checkEach(name, down < 0 ? column : column.slice(0, down + 1), item, tickColumns);
		if (typeof bad === 'string') return fail(bad);
		if (down >= 0) return fail(`${name}[${down}] ${reviewIndex}, not ${shown(column[down])}`);
	}
	options.onProgress?.(0.7);
	// Every value is checked: the columns are what the format says they are.
	const log = h as unknown as BackupV2;

	// Every made-due review is listed in madeDue, and only those.
	const { rating } = log.reviews;
	let k = 0;
	for (let i = 0; i < n; i++) {
		const listed = log.madeDue.review[k] === i;
		if (listed) k++;
		if (rating[i] === 0 && !listed)
			return fail(`reviews.rating[${i}] is 0 (made due), but madeDue.review does not list review ${i}`);
		if (rating[i] !== 0 && listed)
			return fail(`madeDue.review[${k - 1}] is review ${i}, whose rating is ${rating[i]}, not 0 (made due)`);
	}
	// A review moved is an answer, and its new due date comes after it.
	for (let k = 0; k < moved.review.length; k++) {
		const i = moved.review[k] as number;
		if (rating[i] === 0)
			return fail(`scheduledDue.review[${k}] is review ${i}, which is made due (rating 0), not an answer`);
		if ((moved.due[k] as number) <= log.reviews.reviewedAt[i]!)
			return fail(`scheduledDue.due[${k}] is not after review ${i}, which it moves`);
	}

	const relations = checkRelations(log.reviews.id, log.cardIds, cardFlags, quizzes, known, 'cardIds');
	if (relations) return fail(relations);
	options.onProgress?.(0.9);

	const reviews = decodeReviews(log);
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

// ------------------------------------------------------------------------------- single values, for sync
// Sync (sync/docs.ts) checks every document from the server with the same rules a backup file's rows meet.

/**
 * An answer as sync carries it: a version 2 file's review (its columns' rules), made-due ones with state and
 * due, moved ones with the due date chosen.
 */
const AnswerSchema = v.strictObject(
	{
		id: rowId,
		cardId: text(200),
		rating: v.picklist([0, 1, 2, 3, 4], 'must be a whole number from 0 to 4'),
		reviewedAt: time,
		durationMs: whole(0, 10 * 60_000),
		state: v.optional(whole(0, 3)),
		due: v.optional(dueTime),
		scheduledDue: v.optional(dueTime)
	},
	obj
);

/** An answer as the sync checker passes it: the type db/sync.ts's SyncedAnswer must be (sync/docs.ts checks). */
export type CheckedAnswer = v.InferOutput<typeof AnswerSchema>;

/** A message naming the first problem of `value` as `schema` sees it, or null when it passes. */
function check(schema: v.GenericSchema, value: unknown, name: string): string | null {
	if (v.is(schema, value)) return null;
	return describe(v.safeParse(schema, value, { abortEarly: true }).issues![0], name);
}

/**
 * Checks an answer (id, card, rating, time, duration; for rating 0 the state and due date it set; for an answer
 * the load balancer moved, the due date it chose).
 */
export function checkAnswer(value: unknown, name: string): string | null {
	const problem = check(AnswerSchema, value, name);
	if (problem) return problem;
	const a = value as v.InferOutput<typeof AnswerSchema>;
	if (a.rating === 0 && (a.state === undefined || a.due === undefined))
		return `${name} is made due (rating 0) but lacks the state or due date it set`;
	if (a.rating !== 0 && (a.state !== undefined || a.due !== undefined))
		return `${name} has a state or due date, which only a made-due review (rating 0) has`;
	if (a.scheduledDue !== undefined && (a.rating === 0 || a.scheduledDue <= a.reviewedAt))
		return `${name}.scheduledDue must be a due date after the answer, and only an answer (rating 1 to 4) has one`;
	return null;
}

/** Checks a card's flags as a backup's cardFlags row. */
export function checkFlag(value: unknown, name: string): string | null {
	return check(FlagSchema, value, name);
}

/** Checks a quiz as a backup's quizzes row, and that its scope and score add up. */
export function checkQuiz(value: unknown, name: string, scopes: ReadonlySet<string>): string | null {
	const problem = check(QuizSchema, value, name);
	if (problem) return problem;
	const q = value as QuizRow;
	if (!scopes.has(q.scope)) return `${name}.scope “${q.scope}” is not a topic, a document or “mixed”`;
	if (q.score > q.cardIds.length)
		return `${name}.score ${q.score} is more than its ${q.cardIds.length} cards`;
	if (q.answers.length > q.cardIds.length) return `${name} has more answers than cards`;
	if (q.finishedAt !== null && q.finishedAt < q.startedAt) return `${name} finishes before it starts`;
	return null;
}

/** Checks a setting a backup carries (`srs`: the review settings; `knowledgeMap`: true or false). */
export function checkSetting(key: string, value: unknown, name: string): string | null {
	const parsed = readBackupSettings({ [key]: value } as v.InferOutput<typeof HeaderSettingsSchema>);
	if ('ok' in parsed) return `${name}: ${parsed.message}`;
	return key === 'srs' || key === 'knowledgeMap'
		? null
		: `${name} is the setting “${key}”, which a backup does not have`;
}

/** Checks a time as a backup's times (2000 to 2100, in epoch milliseconds). */
export function checkTime(value: unknown, name: string): string | null {
	return check(time, value, name);
}
