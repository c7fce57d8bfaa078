// A card that merges others (`replaces` in the content): a learner's history under the old ids is the new card's.
import { expect, test } from '@playwright/test';
import { answersTo, backupFile, deck, stateAfter, storedStates, writeRows } from './support/history.ts';
import { replayLog, makeScheduler } from '../../src/lib/srs/scheduler.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/srs/defaults.ts';
import { STATUS_NAMES, cardStatus } from '../../src/lib/srs/progress.ts';

const DAY = 86_400_000;

/** A card of the compiled deck that merges two or more others, and a learner's answers to two of them. */
function mergedCard(now: number) {
	const merged = deck.cards.find((c) => (c.replaces?.length ?? 0) >= 2);
	if (!merged) {
		throw new Error(
			'No card of the compiled deck replaces two or more ids (`replaces: [old-id, …]` in content/cards), so there is no merge to test'
		);
	}
	const [oldA, oldB] = merged.replaces as [string, string];
	const a = answersTo(oldA, [
		[3, now - 20 * DAY],
		[3, now - 20 * DAY + 10 * 60_000],
		[4, now - 9 * DAY]
	]);
	const b = answersTo(oldB, [
		[1, now - 15 * DAY],
		[3, now - 15 * DAY + 10 * 60_000],
		[3, now - 4 * DAY]
	]);
	return { merged, oldA, oldB, a, b };
}

test('a learner with history on two cards that are merged keeps it', async ({ page }) => {
	// Three starts of the card browser, with every card drawn: slow on a busy 2-core machine.
	test.slow();
	const now = Date.now();
	// What an earlier version of the app stored: answers to both old cards, their states, and a suspension.
	const { merged, oldA, oldB, a, b } = mergedCard(now);

	await page.goto('/cards');
	await expect(page.locator(`[id="${merged.id}"]`)).toContainText('not studied yet');
	await writeRows(page, {
		reviews: [...a, ...b],
		cardStates: [stateAfter(a), stateAfter(b)],
		cardFlags: [{ cardId: oldB, suspended: true, buriedUntil: 0, updatedAt: now - DAY }]
	});

	// The next start of the app moves the history to the merged card.
	await page.reload();
	const box = page.locator(`[id="${merged.id}"]`);
	await expect(box.locator('.status .chip')).toHaveText(STATUS_NAMES.suspended);
	await box.getByRole('button', { name: /^Unsuspend/ }).click();

	const expected = replayLog(makeScheduler(DEFAULT_SETTINGS), merged.id, [...a, ...b])!.state;
	await expect(box.locator('.status .chip')).toHaveText(STATUS_NAMES[cardStatus(expected, undefined, now)]);
	await expect(box.locator('.status')).toContainText('due ');
	await box.getByText('Review history').click();
	await expect(box.locator('summary')).toHaveText('Review history (6)');
	// Both old cards' answers, in time order.
	await expect(box.locator('.history > li strong')).toHaveText([
		'Good',
		'Good',
		'Again',
		'Good',
		'Easy',
		'Good'
	]);

	// One state, the replay of the merged log; none left under the old ids.
	const states = await storedStates(page);
	expect(states.map((s) => s.cardId)).not.toContain(oldA);
	expect(states.map((s) => s.cardId)).not.toContain(oldB);
	expect(states.find((s) => s.cardId === merged.id)).toEqual(expected);

	// A second start finds nothing more to move.
	await page.reload();
	await expect(page.locator(`[id="${merged.id}"] summary`)).toHaveText(/Review history/);
	expect((await storedStates(page)).find((s) => s.cardId === merged.id)).toEqual(expected);
});

test('a backup made before two cards were merged imports their history into the merged card', async ({
	page
}) => {
	const now = Date.now();
	const { merged, a, b } = mergedCard(now);
	await page.goto('/stats');
	await page.getByLabel('Import progress').setInputFiles(backupFile([...a, ...b], now));
	await expect(page.getByRole('status').filter({ hasText: 'Imported 6 new reviews' })).toBeVisible();

	await page.goto('/cards');
	const box = page.locator(`[id="${merged.id}"]`);
	const expected = replayLog(makeScheduler(DEFAULT_SETTINGS), merged.id, [...a, ...b])!.state;
	await expect(box.locator('.status .chip')).toHaveText(STATUS_NAMES[cardStatus(expected, undefined, now)]);
	await box.getByText('Review history').click();
	await expect(box.locator('summary')).toHaveText('Review history (6)');
	expect((await storedStates(page)).map((s) => s.cardId)).toEqual([merged.id]);
	expect((await storedStates(page))[0]).toEqual(expected);
});
