import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
	answersToday,
	backupFile,
	deck,
	history,
	storedReviewCount,
	storedStates
} from './support/history.ts';

async function importFile(page: Page, file: ReturnType<typeof backupFile>) {
	await page.getByLabel('Import progress').setInputFiles(file);
}

async function forecastTable(page: Page): Promise<string[]> {
	const figure = page.locator('figure', { hasText: 'Cards due, next 30 days' });
	await figure.getByRole('button', { name: /Show as a table/ }).click();
	const rows = await figure.locator('tbody tr').allInnerTexts();
	await figure.getByRole('button', { name: /Hide the table/ }).click();
	return rows;
}

test('the stats page shows imported history; an export imported into a fresh browser gives the same schedule', async ({
	page,
	browser
}) => {
	const now = Date.now();
	const reviews = history(now);
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stats' }).click();
	await expect(page.getByRole('heading', { name: 'Statistics' })).toBeVisible();
	await expect(page.getByTestId('last-backup')).toHaveText('never');

	await importFile(page, backupFile(reviews, now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
		`Imported ${reviews.length} new reviews. The schedule was rebuilt for 8 cards.`
	);

	// Today's answers, the heatmap and the streak follow the imported log.
	const today = answersToday(reviews, now);
	const reviewed = page.locator('[data-stat="reviewed"]');
	await expect(reviewed).toContainText(`${today} answers`);
	await expect(reviewed.locator('.big')).toHaveText('3');
	await expect(page.locator('[data-stat="time"] .big')).toHaveText(/\d+ s|\d+ min/);
	await expect(page.locator('[data-stat="streak"] .big')).toHaveText('1 day');
	// The heatmap comes after the rest of the page, its region busy while it is counted.
	await expect(page.locator('.heatmap-region')).toHaveAttribute('aria-busy', 'false');
	const heatmap = page.getByRole('img', { name: /answers on \d+ of the last/ });
	await expect(heatmap).toHaveAccessibleName(new RegExp(`^${reviews.length} answers on 4 of`));
	const cells = heatmap.locator('rect[data-count]');
	await expect(cells.last()).toHaveAttribute('data-count', String(today));
	// Cards in review answered Again count against true retention.
	await expect(page.locator('[data-stat="retention-month"]')).toContainText(/\d+ of \d+ answers/);

	// The same numbers as a table.
	const figure = page.locator('figure', { hasText: 'Answers per day' });
	await figure.getByRole('button', { name: /Show as a table/ }).click();
	await expect(figure.getByRole('table')).toBeVisible();
	await expect(figure.locator('tbody tr').last()).toContainText(String(today));

	// Topics: the studied cards are seen, with a recall now.
	const studiedTopic = deck.cards[0]!.topics[0]!;
	await expect(page.locator(`tr[data-topic="${studiedTopic}"] td`).first()).toHaveText(/^[1-8] of \d+$/);
	await expect(page.locator(`tr[data-topic="${studiedTopic}"] td`).nth(1)).toHaveText(/\d+%/);

	const states = await storedStates(page);
	expect(states).toHaveLength(8);
	const forecast = await forecastTable(page);
	expect(forecast).toHaveLength(30);

	// Export: a download, and the time is recorded.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export progress' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^kz-tm-study-backup-\d{4}-\d\d-\d\d\.json$/);
	const exported = await readFile((await download.path())!, 'utf8');
	expect(JSON.parse(exported).reviews.id).toHaveLength(reviews.length);
	await expect(page.getByTestId('last-backup')).toHaveText(/\d{4}/);

	// A fresh browser: same schedule, card for card, and the same forecast.
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await other.goto('/stats');
	await other.getByLabel('Import progress').setInputFiles({
		name: download.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(exported)
	});
	await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
		`Imported ${reviews.length} new reviews`
	);
	expect(await storedStates(other)).toEqual(states);
	expect(await forecastTable(other)).toEqual(forecast);
	await expect(other.locator('[data-stat="reviewed"]')).toContainText(`${today} answers`);

	// The same file again adds nothing.
	await other.getByLabel('Import progress').setInputFiles({
		name: 'again.json',
		mimeType: 'application/json',
		buffer: Buffer.from(exported)
	});
	await expect(other.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
		`Imported 0 new reviews (${reviews.length} reviews already here)`
	);
	expect(await storedReviewCount(other)).toBe(reviews.length);
	await fresh.close();
});

test('a file that is not a valid backup is refused with an alert, and nothing changes', async ({ page }) => {
	const now = Date.now();
	const reviews = history(now, 4);
	await page.goto('/stats');
	await importFile(page, backupFile(reviews, now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
	const states = await storedStates(page);
	const tiles = await page.locator('.tiles').allInnerTexts();

	const bad = structuredClone(reviews);
	bad[2]!.rating = 9 as never;
	const extra = history(now, 6).slice(-3);
	await page.getByLabel('Import progress').setInputFiles({
		...backupFile([...extra, ...bad], now),
		name: 'tampered.json'
	});
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		'tampered.json was not imported: reviews[5].rating must be a whole number'
	);
	await expect(alert).toContainText('Nothing was changed.');
	expect(await storedStates(page)).toEqual(states);
	expect(await storedReviewCount(page)).toBe(reviews.length);

	await page.getByLabel('Import progress').setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('these are my notes, not a backup')
	});
	await expect(alert).toContainText('notes.txt was not imported: The file is not JSON');

	await page.getByLabel('Import progress').setInputFiles({
		...backupFile(
			reviews.map((r) => ({ ...r, cardId: `${r.cardId}-gone` })),
			now
		),
		name: 'other-deck.json'
	});
	await expect(alert).toContainText('names 4 cards this deck does not have');

	await page.reload();
	await expect(page.locator('.tiles').first()).toBeVisible();
	expect(await page.locator('.tiles').allInnerTexts()).toEqual(tiles);
	expect(await storedReviewCount(page)).toBe(reviews.length);
});

test('the reader shades passages by recall, with labels, and remembers when the map is off', async ({
	page
}) => {
	const now = Date.now();
	const card = deck.cards[0]!;
	const ref = card.refs[0]!;
	await page.goto('/stats');
	await importFile(page, backupFile(history(now, 1), now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();

	await page.goto(`/read/${ref.document}`);
	const passage = page.locator(`section#${ref.passage}`);
	await expect(page.getByRole('switch', { name: 'Knowledge map' })).toBeChecked();
	await expect(page.getByRole('list', { name: 'Knowledge map legend' })).toContainText('Not studied');
	await expect(passage.locator('.recall-label')).toHaveText(/^Recall \d+% · 1 of \d+ cards? studied$/);
	await expect(passage).toHaveClass(/recall-shade-[1-4]/);
	// A passage whose cards were never studied says so.
	const unstudied = page.locator('section.recall-shade-0').first();
	await expect(unstudied.locator('.recall-label')).toHaveText('Not studied yet');

	await page.getByRole('switch', { name: 'Knowledge map' }).click();
	await expect(page.locator('.recall-label')).toHaveCount(0);
	await expect(passage).not.toHaveClass(/recall-shade/);
	await page.reload();
	await expect(page.getByRole('switch', { name: 'Knowledge map' })).not.toBeChecked();
	await expect(page.locator('.recall-label')).toHaveCount(0);
});

test('after a week of studying without a backup the home page suggests one, once', async ({ page }) => {
	const now = Date.now();
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText('Keep a copy of your progress?')).toHaveCount(0);

	await page.goto('/stats');
	await importFile(page, backupFile(history(now, 3, 9), now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();

	await page.goto('/');
	const note = page.getByRole('complementary').filter({ hasText: 'Keep a copy of your progress?' });
	await expect(note).toBeVisible();
	await note.getByRole('button', { name: 'Not now' }).click();
	await expect(note).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText('Keep a copy of your progress?')).toHaveCount(0);
});

test('the reminder backs up in one click', async ({ page }) => {
	const now = Date.now();
	await page.goto('/stats');
	await importFile(page, backupFile(history(now, 2, 10), now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
	await page.goto('/');
	const note = page.getByRole('complementary').filter({ hasText: 'Keep a copy of your progress?' });
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		note.getByRole('button', { name: 'Export progress' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/\.json$/);
	await expect(note).toHaveCount(0);
	await page.goto('/stats');
	await expect(page.getByTestId('last-backup')).toHaveText(/\d{4}/);
});

test('Export deck downloads a tab-separated file that Anki imports', async ({ page }) => {
	await page.goto('/stats');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export deck (Anki)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('kz-tm-study-deck.txt');
	const text = await readFile((await download.path())!, 'utf8');
	const lines = text.split('\n');
	expect(lines.slice(0, 2)).toEqual(['#separator:tab', '#html:false']);
	expect(lines).toContain('#tags column:3');
	// One note per card: each ends with its id (the GUID column).
	for (const card of deck.cards) expect(text).toContain(`\t${card.id}\n`);
	const first = deck.cards.find((c) => c.refs.length === 1 && !/[\t\n"]|^#/.test(c.question + c.answer))!;
	const line = lines.find((l) => l.endsWith(`\t${first.id}`))!;
	const [question, answer, tags] = line.split('\t');
	expect([question, answer, tags]).toEqual([first.question, first.answer, first.topics.join(' ')]);
	await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText(
		`Exported ${deck.cards.length} cards`
	);
});
