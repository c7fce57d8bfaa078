// A learner's database made by the previous version of the app (schema version 4, before the answer counts),
// opened by this build: the upgrade keeps every row and counts the log, and the stats page reads the counts.
import { expect, test, type Page } from '@playwright/test';
import type {
	AnswerCountRow,
	CardFlagRow,
	CardSetRow,
	CardStateRow,
	QuizRow,
	ReviewRow
} from '../../src/lib/model.ts';
import { deck, history } from './support/history.ts';
import { answerByKeys } from './support/review.ts';
import { countRowsOf } from '../../src/lib/db/counts.ts';
import { cardSetRowsOf } from '../../src/lib/db/card-set.ts';
import { makeScheduler, replayLog, State } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/srs/defaults.ts';
import { dayStart } from '../../src/lib/srs/day.ts';

const DAY = 86_400_000;

interface Stored {
	version: number;
	reviews: ReviewRow[];
	cardStates: CardStateRow[];
	cardFlags: CardFlagRow[];
	quizzes: QuizRow[];
	settings: { key: string; value: unknown }[];
	answerCounts?: AnswerCountRow[];
	cardSet?: CardSetRow[];
}

/**
 * Creates the database as Dexie made it for schema version 4 (IndexedDB version 40: Dexie multiplies by ten),
 * store for store and index for index, with `rows` in it. Run on a page of the app's origin that loads no app code.
 */
function createVersionFour(page: Page, rows: Omit<Stored, 'version'>): Promise<void> {
	return page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study', 40);
				open.onupgradeneeded = () => {
					const db = open.result;
					const reviews = db.createObjectStore('reviews', { keyPath: 'id' });
					reviews.createIndex('cardId', 'cardId');
					reviews.createIndex('reviewedAt', 'reviewedAt');
					reviews.createIndex('[cardId+reviewedAt]', ['cardId', 'reviewedAt']);
					reviews.createIndex('[state+rating+reviewedAt]', ['state', 'rating', 'reviewedAt']);
					const states = db.createObjectStore('cardStates', { keyPath: 'cardId' });
					states.createIndex('due', 'due');
					states.createIndex('state', 'state');
					db.createObjectStore('cardFlags', { keyPath: 'cardId' });
					db.createObjectStore('settings', { keyPath: 'key' });
					const quizzes = db.createObjectStore('quizzes', { keyPath: 'id' });
					for (const name of ['scope', 'startedAt', 'finishedAt']) quizzes.createIndex(name, name);
					quizzes.createIndex('cardIds', 'cardIds', { multiEntry: true });
					db.createObjectStore('meta', { keyPath: 'key' });
					db.createObjectStore('syncOutbox', { keyPath: 'seq', autoIncrement: true }).createIndex(
						'doc',
						'doc'
					);
				};
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tables = Object.keys(rows) as (keyof typeof rows)[];
					const tx = db.transaction(tables, 'readwrite');
					for (const table of tables) for (const row of rows[table] ?? []) tx.objectStore(table).put(row);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		rows
	);
}

/** Everything the database holds now, read straight from IndexedDB (at whatever version it is). */
function readAll(page: Page): Promise<Stored> {
	return page.evaluate(
		() =>
			new Promise<Stored>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = [
						'reviews',
						'cardStates',
						'cardFlags',
						'quizzes',
						'settings',
						'answerCounts',
						'cardSet'
					].filter((n) => db.objectStoreNames.contains(n));
					const tx = db.transaction(names);
					const out: Record<string, unknown> = { version: db.version };
					for (const name of names) {
						const get = tx.objectStore(name).getAll();
						get.onsuccess = () => (out[name] = get.result);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(out as unknown as Stored);
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

test('a database of the previous version opens with nothing lost, and its log counted', async ({ page }) => {
	// The upgrade, then the stats page, then the review: slow on a busy two-core machine.
	test.slow();
	const now = Date.now();
	// Eight cards answered over three weeks, some today, and one card made due by a quiz.
	const reviews = history(now, 8);
	const f = makeScheduler(DEFAULT_SETTINGS);
	const cardIds = [...new Set(reviews.map((r) => r.cardId))];
	const cardStates = cardIds.map(
		(id) =>
			replayLog(
				f,
				id,
				reviews.filter((r) => r.cardId === id)
			)!.state
	);
	const settings = [
		{ key: 'srs', value: { ...DEFAULT_SETTINGS, newPerDay: 13 } },
		{ key: 'knowledgeMap', value: true }
	];
	const cardFlags: CardFlagRow[] = [
		{ cardId: deck.cards[9]!.id, suspended: true, buriedUntil: 0, updatedAt: now - DAY }
	];
	const quizzes: QuizRow[] = [
		{
			id: 'quiz-1',
			scope: 'mixed',
			seed: 3,
			startedAt: now - 2 * DAY,
			finishedAt: now - 2 * DAY + 60_000,
			cardIds: [cardIds[0]!],
			answers: [{ cardId: cardIds[0]!, form: 'choice', given: 'x', correct: false }],
			score: 0
		}
	];

	// A page of the app's origin that runs none of its code.
	await page.goto('/favicon.svg');
	await createVersionFour(page, { reviews, cardStates, cardFlags, quizzes, settings });
	expect((await readAll(page)).version).toBe(40);

	await page.goto('/stats');
	await expect(page.getByRole('heading', { name: 'Statistics' })).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('.heatmap-region')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

	const after = await readAll(page);
	expect(after.version).toBe(50);
	expect(byId(after.reviews)).toEqual(byId(reviews));
	expect(after.cardStates.sort((a, b) => (a.cardId < b.cardId ? -1 : 1))).toEqual(
		cardStates.sort((a, b) => (a.cardId < b.cardId ? -1 : 1))
	);
	expect(after.cardFlags).toEqual(cardFlags);
	expect(after.quizzes).toEqual(quizzes);
	const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
	expect(byKey(after.settings)).toEqual(byKey(settings));
	expect(after.answerCounts).toEqual(countRowsOf(reviews));
	expect(after.cardSet).toEqual(cardSetRowsOf(cardIds));

	// The page's figures, from the counts, are the log's.
	const answers = reviews.filter((r) => r.rating > 0);
	const days = new Set(answers.map((r) => dayStart(r.reviewedAt, DEFAULT_SETTINGS.dayStartHour)));
	const heatmap = page.getByRole('img', { name: /answers on \d+ of the last/ });
	await expect(heatmap).toHaveAccessibleName(new RegExp(`^${answers.length} answers on ${days.size} of`));
	const month = answers.filter((r) => r.state === State.Review && r.reviewedAt > now - 29 * DAY);
	const passed = month.filter((r) => r.rating > 1).length;
	await expect(page.locator('[data-stat="retention-month"]')).toContainText(
		`${passed} of ${month.length} answers`
	);
	await expect(page.locator('[data-stat="streak"] .big')).toHaveText('1 day');

	// The upgraded database keeps counting: an answer given now is in the counts.
	await page.goto('/review');
	await answerByKeys(page, '3');
	await expect.poll(async () => (await readAll(page)).reviews.length).toBe(reviews.length + 1);
	const answered = await readAll(page);
	expect(answered.answerCounts).toEqual(countRowsOf(answered.reviews));
	expect(answered.cardSet).toEqual(cardSetRowsOf(answered.cardStates.map((s) => s.cardId)));
});
