// A property of the backup: whatever rows the app writes, a file exported from them imports into an empty
// browser as the same rows. Random histories are made through the app's own writes (answers, made due, flags,
// quizzes with nearly-right answers and retries, settings), from a seeded generator, so a failure is
// reproducible from the seed it names.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { cards, documents, topics } from '../deck/deck.ts';
import { BackupState } from './backup.svelte.ts';
import { exportFile } from './jobs.ts';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { saveKnowledgeMapOn } from '../db/preferences.ts';
import { saveQuiz } from '../db/quizzes.ts';
import { addCardsToReview, answerCard, buryCard, setSuspended } from '../db/reviews.ts';
import { saveSettings } from '../db/settings.ts';
import { DEFAULT_SETTINGS } from '../srs/defaults.ts';
import { APP_VERSION } from '../version.ts';
import type { Answer, QuizAnswerRow, QuizRow } from '../model.ts';

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
	const chance = (p: number) => next() < p;
	return { next, int, pick, chance };
}
type Random = ReturnType<typeof generator>;

const MINUTE = 60_000;
const DAY = 86_400_000;
const t0 = new Date(2026, 0, 5, 8).getTime();
const scopes = ['mixed', ...topics.map((t) => t.id), ...documents.map((d) => d.id)];
/** Text a learner might type: letters, digits, spaces, quotes, backslashes, line breaks, accents, emoji. */
const ALPHABET = [...'abcxyzАБВқң 019"\'\\\n\t<>&é', '😀', '\u2028'];

function typed(r: Random): string {
	return Array.from({ length: r.int(0, 40) }, () => r.pick(ALPHABET)).join('');
}

function randomQuiz(r: Random, id: string, startedAt: number, retryOf: string | null): QuizRow {
	const pool = cards.slice(0, 40).map((c) => c.id);
	const cardIds = [...new Set(Array.from({ length: r.int(1, 12) }, () => r.pick(pool)))];
	const answered = r.chance(0.7) ? cardIds.length : r.int(0, cardIds.length);
	const answers: QuizAnswerRow[] = cardIds.slice(0, answered).map((cardId) => {
		const form = r.pick(['choice', 'truefalse', 'typed'] as const);
		const correct = r.chance(0.6);
		const answer: QuizAnswerRow = { cardId, form, given: typed(r), correct };
		// The quiz writes `nearly` only for a typed answer right but for a typo.
		return form === 'typed' && correct && r.chance(0.5) ? { ...answer, nearly: true } : answer;
	});
	const finished = answered === cardIds.length;
	return {
		id,
		scope: r.pick(scopes),
		seed: r.int(0, 2 ** 32 - 1),
		startedAt,
		finishedAt: finished ? startedAt + r.int(1, 30) * MINUTE : null,
		cardIds,
		answers,
		score: finished ? answers.filter((a) => a.correct).length : 0,
		...(retryOf ? { retryOf } : {})
	};
}

/** A random history, written through the app's own functions. */
async function randomHistory(r: Random): Promise<void> {
	// Random review settings, the load balancer and easy days among them: the days the balancer chose are in
	// the log, so the states an import rebuilds equal the ones answering wrote.
	await saveSettings({
		...DEFAULT_SETTINGS,
		loadBalance: r.chance(0.8),
		easyDays: r.chance(0.3) ? [...new Set([r.int(0, 6), r.int(0, 6)])].sort() : [],
		desiredRetention: r.chance(0.4) ? r.pick([0.8, 0.85, 0.9, 0.95]) : DEFAULT_SETTINGS.desiredRetention
	});
	if (r.chance(0.3)) await saveKnowledgeMapOn(r.chance(0.5));
	const studied = cards.slice(0, r.int(1, 30)).map((c) => c.id);
	let now = t0;
	const quizIds: string[] = [];
	for (let step = r.int(5, 120); step > 0; step--) {
		now += r.pick([r.int(1, 20) * 1000, r.int(1, 30) * MINUTE, r.int(1, 9) * DAY]);
		const roll = r.next();
		if (roll < 0.75) {
			await answerCard(r.pick(studied), r.int(1, 4) as Answer, { now, durationMs: r.int(0, 10 * MINUTE) });
		} else if (roll < 0.8) {
			await addCardsToReview([r.pick(studied), r.pick(cards).id], now);
		} else if (roll < 0.87) {
			if (r.chance(0.5)) await setSuspended(r.pick(cards).id, r.chance(0.7));
			else await buryCard(r.pick(cards).id, now + r.int(1, 24) * 3600_000);
		} else {
			const id = crypto.randomUUID();
			const retry = quizIds.length && r.chance(0.4) ? r.pick(quizIds) : null;
			await saveQuiz(randomQuiz(r, id, now, retry), now);
			quizIds.push(id);
		}
	}
}

function openDevice(): StudyDatabase {
	const db = new StudyDatabase(`roundtrip-${crypto.randomUUID()}`);
	useDatabase(db);
	return db;
}

async function rows(db: StudyDatabase) {
	return {
		reviews: await db.reviews.orderBy('id').toArray(),
		cardStates: await db.cardStates.orderBy('cardId').toArray(),
		cardFlags: await db.cardFlags.orderBy('cardId').toArray(),
		quizzes: await db.quizzes.orderBy('id').toArray(),
		settings: await db.settings.orderBy('key').toArray()
	};
}

describe('backup round trip', () => {
	it(
		'imports every file it exports as the same rows, for random histories',
		{ timeout: 60_000 },
		async () => {
			let nearly = 0;
			let retries = 0;
			let moved = 0;
			for (let seed = 1; seed <= 12; seed++) {
				const source = openDevice();
				await randomHistory(generator(seed));
				const written = await rows(source);
				const file = (await exportFile({ appVersion: APP_VERSION, exportedAt: t0 + 400 * DAY })).file;

				const target = openDevice();
				const state = new BackupState();
				await state.importFile(new File([file], `backup-${seed}.json`));
				expect(state.error, `seed ${seed}`).toBeNull();
				expect(await rows(target), `seed ${seed}`).toEqual(written);

				nearly += written.quizzes.flatMap((q) => q.answers).filter((a) => a.nearly).length;
				retries += written.quizzes.filter((q) => q.retryOf).length;
				moved += written.reviews.filter((row) => row.scheduledDue !== undefined).length;
				source.close();
				target.close();
			}
			// The histories hold the optional fields a checker could miss.
			expect(nearly).toBeGreaterThan(0);
			expect(retries).toBeGreaterThan(0);
			expect(moved).toBeGreaterThan(0);
		}
	);
});
