// Backups that always import, imports that cannot leave the database worse, and a lost log told at once.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { backupFile, history, storedReviewCount } from './support/history.ts';
import { answerByKeyboard, plannedQuestions, scopes, seedWhereFirst } from './support/quiz.ts';

// Each test loads several pages on a shared machine: room beyond the default 30 seconds.
test.describe.configure({ timeout: 120_000 });

function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

async function exportProgress(page: Page): Promise<string> {
	await page.goto('/stats');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export progress' }).click()
	]);
	return readFile((await download.path())!, 'utf8');
}

/** The quizzes this browser holds, read straight from IndexedDB. */
function storedQuizzes(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ retryOf?: string; answers: { nearly?: boolean }[] }[]>((resolve, reject) => {
				const open = indexedDB.open('kz-tm-study');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction('quizzes').objectStore('quizzes').getAll();
					get.onsuccess = () => {
						open.result.close();
						resolve(get.result);
					};
				};
			})
	);
}

/**
 * Runs the page's backup worker with `code` first: how a test reaches into the worker (a full disk, a small
 * quota), which the page's own scripts cannot. Service workers are blocked so the request reaches the route.
 */
async function prependToWorker(page: Page, code: string): Promise<void> {
	await page.route(/\/_app\/immutable\/workers\/.*\.js$/, async (route) => {
		const response = await route.fetch();
		await route.fulfill({ response, body: `${code}\n${await response.text()}` });
	});
}

test('an export after a nearly-right typed answer and a retried quiz imports into a fresh browser', async ({
	page,
	browser
}) => {
	const errors = watchErrors(page);
	const mixed = scopes[0]!;
	const long = (q: { form: string; card: { answer: string } }) =>
		q.form === 'typed' && /^[A-Za-z ]{9,}$/.test(q.card.answer);
	const seed = seedWhereFirst(mixed, 5, long);
	const answer = plannedQuestions(mixed, 5, seed)[0]!.card.answer;
	const m = Math.floor(answer.length / 2);
	const typo = answer.slice(0, m - 1) + answer[m] + answer[m - 1] + answer.slice(m + 1);

	await page.goto(`/quiz/mixed?length=5&seed=${seed}`);
	await page.getByRole('textbox', { name: 'Your answer' }).fill(typo);
	await page.keyboard.press('Enter');
	await expect(page.locator('.feedback .verdict')).toContainText('Nearly right');
	await page.getByRole('button', { name: 'Next' }).press('Enter');
	for (let i = 1; i < 5; i++) {
		await answerByKeyboard(page, false);
		await page.keyboard.press('Enter');
	}
	await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
	await page.getByRole('button', { name: 'Retry mistakes' }).click();
	await answerByKeyboard(page, true);
	const here = await storedQuizzes(page);
	expect(here.some((q) => q.retryOf)).toBe(true);
	expect(here.some((q) => q.answers.some((a) => a.nearly))).toBe(true);

	const exported = await exportProgress(page);
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	const otherErrors = watchErrors(other);
	await other.goto('/stats');
	await other.getByLabel('Import progress').setInputFiles({
		name: 'progress.json',
		mimeType: 'application/json',
		buffer: Buffer.from(exported)
	});
	await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toContainText('2 quizzes');
	expect(await storedQuizzes(other)).toEqual(
		expect.arrayContaining(here.map((q) => expect.objectContaining(q)))
	);
	await other.goto('/quiz');
	await expect(other.getByText('(mistakes)').first()).toBeVisible();
	await fresh.close();
	expect([...errors, ...otherErrors]).toEqual([]);
});

test.describe('an import on a nearly full disk', () => {
	test.use({ serviceWorkers: 'block' });

	test('is refused before writing when the browser’s estimate leaves no room, and nothing changes', async ({
		page
	}) => {
		const now = Date.now();
		await page.goto('/stats');
		await page.getByLabel('Import progress').setInputFiles(backupFile(history(now, 4), now));
		await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
		const before = await storedReviewCount(page);

		await prependToWorker(
			page,
			'navigator.storage.estimate = async () => ({ usage: 50_000_000, quota: 50_010_000 });'
		);
		await page.getByLabel('Import progress').setInputFiles({
			...backupFile(history(now, 40), now),
			name: 'big.json'
		});
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('big.json was not imported: it needs about');
		await expect(alert).toContainText('this browser allows this site less than 0.1 MB more');
		await expect(alert).toContainText('Nothing was changed: your progress is as it was.');
		await expect(alert).toContainText('Free some space');
		expect(await storedReviewCount(page)).toBe(before);
	});

	test('meeting a quota error as it writes changes nothing, checked, and says so', async ({ page }) => {
		const now = Date.now();
		await page.goto('/stats');
		await page.getByLabel('Import progress').setInputFiles(backupFile(history(now, 4), now));
		await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
		const before = await storedReviewCount(page);

		// The disk fills as the reviews are written: every add of a review fails as a full disk makes it fail.
		await prependToWorker(
			page,
			`const add = IDBObjectStore.prototype.add;
			IDBObjectStore.prototype.add = function (...args) {
				if (this.name === 'reviews') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return add.apply(this, args);
			};`
		);
		const more = history(now, 12);
		await page.getByLabel('Import progress').setInputFiles({ ...backupFile(more, now), name: 'more.json' });
		const alert = page.getByRole('alert');
		await expect(alert).toContainText(
			'more.json was not imported: the browser’s storage is full. Nothing was changed: your progress is as it was.'
		);
		await expect(alert).toContainText(`Not merged: ${more.length} reviews.`);
		expect(await storedReviewCount(page)).toBe(before);
		await page.reload();
		expect(await storedReviewCount(page)).toBe(before);
	});
});

test('a log that comes back emptied is told on the next page, and the last backup file restores it', async ({
	page,
	context
}) => {
	const now = Date.now();
	const reviews = history(now, 6);
	await page.goto('/stats');
	await page.getByLabel('Import progress').setInputFiles(backupFile(reviews, now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
	const exported = await exportProgress(page);

	// The browser clears the site's storage while no page of the app is open (a full disk, cleared data).
	await page.close();
	const blank = await context.newPage();
	await blank.goto('/manifest.webmanifest');
	await blank.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const del = indexedDB.deleteDatabase('kz-tm-study');
				del.onsuccess = () => resolve();
				del.onerror = () => reject(del.error);
			})
	);
	await blank.goto('/');
	const warning = blank.getByRole('alert').filter({ hasText: 'Progress is missing from this browser' });
	await expect(warning).toContainText(
		`This browser now holds 0 answers to review from, where it held ${reviews.length} answers`
	);
	const axe = await new AxeBuilder({ page: blank }).options({ resultTypes: ['violations'] }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
	await warning.getByLabel('Restore from a backup file').setInputFiles({
		name: 'last-backup.json',
		mimeType: 'application/json',
		buffer: Buffer.from(exported)
	});
	await expect(blank.getByRole('status').filter({ hasText: 'Your progress is back' })).toContainText(
		`Imported ${reviews.length} new reviews`
	);
	await expect(warning).toHaveCount(0);
	expect(await storedReviewCount(blank)).toBe(reviews.length);
	// And it stays quiet on the next page.
	await blank.goto('/stats');
	await expect(blank.locator('.tiles').first()).toBeVisible();
	await expect(blank.getByText('Progress is missing from this browser')).toHaveCount(0);
});
