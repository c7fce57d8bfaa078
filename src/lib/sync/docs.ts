// The documents sync keeps on a CouchDB server, one per change: made from this device's changes to send, and
// read back, each checked with the backup file's own rules (backup/validate.ts), from what the server sends.
//
// Every document is written with new_edits=false and a revision made from its content, so sending one twice,
// from one device or two, stores it once:
// - an answer `r:<id>` never changes: revision 1-0…01 on every device; Undo is its deletion, revision 2-0…02
//   on top of it, so the deletion wins wherever the answer went;
// - flags `f:<card>`, settings `s:<key>`, finished quizzes `q:<id>` and the Reset progress marker `reset` go by
//   last writer: each write is a new revision 1-<time><device> (hexadecimal), and CouchDB's winning revision,
//   the highest, is the latest write, the device id breaking ties.
import type { CardFlagRow, QuizRow } from '../model.ts';
import type { SyncChange, SyncedAnswer } from '../db/sync.ts';
import {
	checkAnswer,
	checkFlag,
	checkQuiz,
	checkSetting,
	checkTime,
	type CheckedAnswer
} from '../backup/validate.ts';
import type { Exact } from '../backup/exact.ts';

const ANSWER_HASH = '0'.repeat(31) + '1';
const DELETION_HASH = '0'.repeat(31) + '2';
export const ANSWER_REV = `1-${ANSWER_HASH}`;
const DEVICE = /^[0-9a-f]{20}$/;

// An answer document holds what the checker passes, and the checker passes what sync carries: one type, optional
// keys included (backup/exact.ts), so a field added to either must be added to both.
const answerMatches: Exact<CheckedAnswer, SyncedAnswer> = true;
void answerMatches;

export interface CouchDoc {
	_id: string;
	_rev: string;
	_deleted?: boolean;
	_revisions?: { start: number; ids: string[] };
	[field: string]: unknown;
}

/** The revision of a last-writer-wins document written at `at` by `device`. */
export function writeRev(at: number, device: string): string {
	return `1-${Math.max(0, Math.floor(at)).toString(16).padStart(12, '0')}${device}`;
}

/** The document that carries a change. */
export function toDoc(change: SyncChange): CouchDoc {
	switch (change.kind) {
		case 'answer': {
			const { id, ...rest } = change.answer;
			return { _id: `r:${id}`, _rev: ANSWER_REV, type: 'answer', ...rest };
		}
		case 'answerDeleted':
			return {
				_id: `r:${change.id}`,
				_rev: `2-${DELETION_HASH}`,
				_deleted: true,
				_revisions: { start: 2, ids: [DELETION_HASH, ANSWER_HASH] }
			};
		case 'flag': {
			const { cardId, suspended, buriedUntil, updatedAt } = change.flag;
			return {
				_id: `f:${cardId}`,
				_rev: writeRev(updatedAt, change.device),
				type: 'flag',
				suspended,
				buriedUntil,
				updatedAt,
				device: change.device
			};
		}
		case 'setting':
			return {
				_id: `s:${change.key}`,
				_rev: writeRev(change.at, change.device),
				type: 'setting',
				value: change.value,
				at: change.at,
				device: change.device
			};
		case 'quiz':
			return {
				_id: `q:${change.quiz.id}`,
				_rev: writeRev(change.at, change.device),
				type: 'quiz',
				quiz: change.quiz,
				at: change.at,
				device: change.device
			};
		case 'reset':
			return {
				_id: 'reset',
				_rev: writeRev(change.at, change.device),
				type: 'reset',
				at: change.at,
				device: change.device
			};
	}
}

/** One row of a `_changes` answer (with include_docs). */
export interface ChangeRow {
	id: string;
	deleted?: boolean;
	doc?: Record<string, unknown> | null;
}

export type ReadDoc = { ok: true; change: SyncChange | null } | { ok: false; message: string };

const isObject = (x: unknown): x is Record<string, unknown> =>
	!!x && typeof x === 'object' && !Array.isArray(x);

function deviceProblem(doc: Record<string, unknown>, name: string): string | null {
	return typeof doc.device === 'string' && DEVICE.test(doc.device)
		? null
		: `${name}.device must be 20 hexadecimal digits, not ${JSON.stringify(doc.device)}`;
}

/**
 * Reads one change the server sent: the change, null for a document that is none of sync's (a design
 * document, a deletion of anything but an answer), or the first problem found: a document that fails a check
 * changes nothing. A document naming a card this deck does not have passes: a newer deck may know the card.
 */
export function readChange(row: unknown, scopes: ReadonlySet<string>): ReadDoc {
	if (!isObject(row) || typeof row.id !== 'string')
		return { ok: false, message: 'A change from the server has no document id' };
	const id = row.id;
	const name = `The server's document “${id.length > 60 ? id.slice(0, 59) + '…' : id}”`;
	const fail = (message: string | null): ReadDoc =>
		message ? { ok: false, message } : { ok: true, change: null };
	if (row.deleted === true) {
		if (!id.startsWith('r:')) return { ok: true, change: null };
		const problem = checkAnswer(
			{ id: id.slice(2), cardId: '-', rating: 1, reviewedAt: Date.UTC(2000, 0, 1), durationMs: 0 },
			name
		);
		return problem ? fail(problem) : { ok: true, change: { kind: 'answerDeleted', id: id.slice(2) } };
	}
	const doc = row.doc;
	if (id.startsWith('_')) return { ok: true, change: null };
	if (!isObject(doc)) return fail(`${name} came without its content`);
	const body: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(doc))
		if (key !== '_id' && key !== '_rev' && key !== 'type') body[key] = value;

	if (id.startsWith('r:')) {
		const answer = { id: id.slice(2), ...body };
		const problem = checkAnswer(answer, name);
		return problem ? fail(problem) : { ok: true, change: { kind: 'answer', answer: answer as SyncedAnswer } };
	}
	if (id.startsWith('f:')) {
		const { device, ...flag } = body;
		const row = { cardId: id.slice(2), ...flag };
		const problem = checkFlag(row, name) ?? deviceProblem(body, name);
		return problem
			? fail(problem)
			: { ok: true, change: { kind: 'flag', flag: row as CardFlagRow, device: device as string } };
	}
	if (id.startsWith('s:')) {
		const key = id.slice(2);
		const problem =
			checkSetting(key, body.value, name) ?? checkTime(body.at, `${name}.at`) ?? deviceProblem(body, name);
		if (problem) return fail(problem);
		return {
			ok: true,
			change: {
				kind: 'setting',
				key,
				value: body.value,
				at: body.at as number,
				device: body.device as string
			}
		};
	}
	if (id.startsWith('q:')) {
		const quiz = body.quiz;
		const problem =
			checkQuiz(quiz, `${name}.quiz`, scopes) ??
			(isObject(quiz) && quiz.id !== id.slice(2) ? `${name} holds the quiz “${String(quiz.id)}”` : null) ??
			(isObject(quiz) && quiz.finishedAt === null ? `${name} holds a quiz under way` : null) ??
			checkTime(body.at, `${name}.at`) ??
			deviceProblem(body, name);
		if (problem) return fail(problem);
		return {
			ok: true,
			change: { kind: 'quiz', quiz: quiz as QuizRow, at: body.at as number, device: body.device as string }
		};
	}
	if (id === 'reset') {
		const problem = checkTime(body.at, `${name}.at`) ?? deviceProblem(body, name);
		if (problem) return fail(problem);
		return { ok: true, change: { kind: 'reset', at: body.at as number, device: body.device as string } };
	}
	return fail(`${name} is not one of the app's documents`);
}
