import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { deck, storedReviewCount, storedStates } from './support/history.ts';
import { answerByKeys, answerShown, counts, question, todayNumbers } from './support/review.ts';

async function openReview(page: Page) {
	await page.goto('/review');
	await expect(question(page)).toBeVisible();
}

test('five cards reviewed by keyboard alone are kept over a reload', async ({ page }) => {
	await openReview(page);
	const start = await counts(page);
	expect(start.fresh).toBeGreaterThan(0);

	// Good, Again and Hard keep a card in learning, so five answers are possible with a deck of any size.
	const ratings = ['3', '1', '2', '1', '3'] as const;
	for (const [i, rating] of ratings.entries()) {
		await answerByKeys(page, rating, i % 2 ? 'Enter' : 'Space');
	}
	const after = await counts(page);
	expect(after.fresh).toBeLessThan(start.fresh);
	expect(after.learning).toBeGreaterThan(0);

	await page.reload();
	await expect(question(page)).toBeVisible();
	expect(await counts(page)).toEqual(after);

	await page.goto('/');
	const today = await todayNumbers(page);
	expect(today.answered).toBe(5);
	expect(today.fresh).toBe(after.fresh);
	expect(today.learning).toBe(after.learning);

	await page.goto('/cards?state=learning');
	await expect(page.getByRole('status')).toHaveText(
		new RegExp(`^${start.fresh - after.fresh} of \\d+ cards`)
	);
	await expect(page.locator('.card-list .chip', { hasText: 'Learning' }).first()).toBeVisible();
});

test('an answer whose save a reload cut off is written when the app opens again', async ({ page }) => {
	await openReview(page);
	await answerByKeys(page, '3');
	// A settled answer leaves no note behind.
	await expect
		.poll(() => page.evaluate(() => localStorage.getItem('kz-tm-study:pending-answers')))
		.toBeNull();
	expect(await storedReviewCount(page)).toBe(1);

	// The note an answer leaves while its write is under way, as a reload at that moment would leave it.
	const cardId = deck.cards.at(-1)!.id;
	const now = await page.evaluate(() => Date.now());
	await page.evaluate((note) => localStorage.setItem('kz-tm-study:pending-answers', JSON.stringify([note])), {
		id: crypto.randomUUID(),
		cardId,
		rating: 4,
		now,
		durationMs: 5000
	});
	await page.reload();
	await expect(question(page)).toBeVisible();
	await expect.poll(() => storedReviewCount(page)).toBe(2);
	const state = (await storedStates(page)).find((s) => s.cardId === cardId);
	expect(state?.reps).toBe(1);
	expect(await page.evaluate(() => localStorage.getItem('kz-tm-study:pending-answers'))).toBeNull();

	await page.goto('/');
	expect((await todayNumbers(page)).answered).toBe(2);
});

test('Undo takes back answers one by one, restoring the card and the counts', async ({ page }) => {
	await openReview(page);
	const start = await counts(page);
	const first = await question(page).textContent();
	await answerByKeys(page, '3');
	const afterOne = await counts(page);
	expect(afterOne).not.toEqual(start);
	const second = await question(page).textContent();
	await answerByKeys(page, '4');

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(question(page)).toHaveText(second!);
	await expect(answerShown(page)).toHaveCount(0);
	expect(await counts(page)).toEqual(afterOne);

	await page.keyboard.press('Control+z');
	await expect(question(page)).toHaveText(first!);
	expect(await counts(page)).toEqual(start);
	await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

	await page.goto('/');
	expect((await todayNumbers(page)).answered).toBe(0);
});

test('each rating shows the interval it would give, and the answer shows its sources', async ({ page }) => {
	await openReview(page);
	await page.getByRole('button', { name: 'Show answer' }).click();
	for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
		await expect(page.getByRole('button', { name: new RegExp(`^${name}\\b`) })).toContainText(
			/\d+(m|h|d|mo|y)/
		);
	}
	await expect(page.getByRole('button', { name: /^Again/ })).toHaveAccessibleName(
		/^Again, back in \d+ minutes?$/
	);
	await expect(answerShown(page).locator('blockquote').first()).toBeVisible();
	await expect(
		answerShown(page)
			.getByRole('link', { name: /Open in the reader/ })
			.first()
	).toBeVisible();
});

test('the reader opened from a quote comes back to the same card with its answer shown', async ({ page }) => {
	await openReview(page);
	const shown = await question(page).textContent();
	await page.keyboard.press('Space');
	const link = answerShown(page)
		.getByRole('link', { name: /Open in the reader/ })
		.first();
	await link.click();
	await expect(page).toHaveURL(/\/read\//);
	await expect(page.locator('mark')).toHaveCount(1);
	await page.goBack();
	await expect(question(page)).toHaveText(shown!);
	await expect(answerShown(page)).toBeVisible();
	// And after a reload too.
	await page.reload();
	await expect(question(page)).toHaveText(shown!);
	await expect(answerShown(page)).toBeVisible();
	await page.keyboard.press('3');
	await expect(answerShown(page)).toHaveCount(0);
});

test('Skip until tomorrow and Suspend take a card out; the card browser finds and unsuspends it', async ({
	page
}) => {
	await openReview(page);
	const suspended = (await question(page).textContent())!;
	await page.getByRole('button', { name: 'Suspend' }).click();
	await expect(page.getByRole('status')).toHaveText(/Card suspended/);
	await expect(question(page).or(page.getByRole('heading', { name: /^Done/ }))).toBeVisible();
	if (await question(page).isVisible()) {
		const skipped = (await question(page).textContent())!;
		expect(skipped).not.toBe(suspended);
		await page.getByRole('button', { name: 'Skip until tomorrow' }).click();
		await expect(page.getByRole('status')).toHaveText(/Skipped until tomorrow/);
		await expect(page.locator('#review-question', { hasText: skipped })).toHaveCount(0);
		await page.goto('/cards?state=buried');
		await expect(page.locator('.card-list > li')).toHaveCount(1);
		await expect(page.locator('.card-list > li')).toContainText(skipped);
		await expect(page.locator('.card-list > li .chip', { hasText: 'Skipped until tomorrow' })).toBeVisible();
	}

	await page.goto('/cards');
	await page.getByRole('combobox', { name: 'State' }).selectOption('suspended');
	await expect(page).toHaveURL(/state=suspended/);
	const item = page.locator('.card-list > li');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(suspended);
	await item.getByRole('button', { name: /^Unsuspend/ }).click();
	await expect(page.getByText('No card matches these filters.')).toBeVisible();
	await page.getByRole('combobox', { name: 'State' }).selectOption('new');
	await expect(page.locator('.card-list > li', { hasText: suspended })).toBeVisible();
});

test('a day later the due cards appear, found by the timer on an open page', async ({ page }) => {
	await page.clock.install({ time: new Date(2026, 2, 10, 10, 0) });
	await openReview(page);
	// Easy takes each new card straight to review, days away; go on until today's new cards are done.
	while (await question(page).isVisible()) {
		await answerByKeys(page, '4');
	}
	await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();
	await expect(page.getByText(/The next card is due (tomorrow|on)/)).toBeVisible();
	expect((await counts(page)).review).toBe(0);
	await page.goto('/');
	await expect(page.getByText(/Nothing is due now\. The next card is due (tomorrow|on)/)).toBeVisible();
	await page.getByRole('link', { name: 'Review', exact: true }).last().click();
	await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();

	await page.clock.fastForward(30 * 24 * 3_600_000);
	await expect(question(page)).toBeVisible();
	expect((await counts(page)).review).toBeGreaterThan(0);
	await page.goto('/');
	// After a navigation Playwright's clock, once fast-forwarded, no longer runs timers by itself.
	await page.clock.runFor(1000);
	expect((await todayNumbers(page)).review).toBeGreaterThan(0);
});

test('a learning card due later today is announced and shown when due', async ({ page }) => {
	await page.clock.install({ time: new Date(2026, 2, 10, 10, 0) });
	await page.goto('/settings');
	await page.getByLabel('New cards a day').fill('1');
	await page.getByLabel('Learning steps', { exact: true }).fill('1h');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();

	await openReview(page);
	const shown = await question(page).textContent();
	await answerByKeys(page, '1');
	await expect(page.getByRole('heading', { name: 'Done for now' })).toBeVisible();
	await expect(page.getByText(/A card you are learning comes back in 40 min/)).toBeVisible();
	await page.clock.fastForward('39:00');
	await expect(page.getByText(/comes back in 1 min/)).toBeVisible();
	await page.clock.fastForward('01:30');
	await expect(question(page)).toHaveText(shown!);
});

test('two tabs reviewing at once keep every answer, and each sees the other live', async ({ context }) => {
	// Mid-morning: a learning step of 10 minutes taken in the last 10 minutes of a study day (04:00 by default)
	// falls due in the next one, and then it is not today's learning card.
	await context.clock.install({ time: new Date(2026, 2, 10, 10, 0) });
	const one = await context.newPage();
	const two = await context.newPage();
	await openReview(one);
	await openReview(two);
	const shown = (await question(one).textContent())!;
	await expect(question(two)).toHaveText(shown);
	const before = await counts(two);

	await answerByKeys(one, '3');
	// The second tab's counters follow the first tab's answer without a reload.
	await expect
		.poll(() => counts(two))
		.toEqual({
			...before,
			fresh: before.fresh - 1,
			learning: before.learning + 1
		});
	await expect(question(two)).toHaveText(shown);
	await answerByKeys(two, '3');

	await one.goto('/');
	expect((await todayNumbers(one)).answered).toBe(2);
	await one.goto('/cards');
	const card = one.locator('.card-list > li', { hasText: shown });
	await card.getByText('Review history').click();
	await expect(card.locator('.history li')).toHaveCount(2);
	await expect(card.locator('.history li').first()).toContainText('Good');
});

test('a schema upgrade in another tab is not blocked, and this tab asks for a reload', async ({
	context
}) => {
	const old = await context.newPage();
	await openReview(old);
	const newer = await context.newPage();
	await newer.goto('/read');
	const outcome = await newer.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const request = indexedDB.open('kz-tm-study', 1000);
				request.onblocked = () => resolve('blocked');
				request.onerror = () => resolve(`error: ${request.error?.message}`);
				request.onsuccess = () => {
					request.result.close();
					resolve('opened');
				};
			})
	);
	expect(outcome).toBe('opened');
	const alert = old.getByRole('alert').filter({ hasText: 'updated in another tab' });
	await expect(alert).toBeVisible();
	await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('settings: a bad value is explained beside its field and nothing is saved', async ({ page }) => {
	await page.goto('/settings');
	const retention = page.getByLabel('Desired retention');
	const perDay = page.getByLabel('New cards a day');
	await expect(perDay).toHaveValue('10');
	await retention.fill('2');
	await perDay.fill('7');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(retention).toHaveAttribute('aria-invalid', 'true');
	await expect(retention).toHaveAccessibleDescription(/0\.70 to 0\.99/);
	await expect(retention).toBeFocused();
	await expect(page.getByText('Nothing was saved')).toBeVisible();

	await page.reload();
	await expect(perDay).toHaveValue('10');
	await expect(retention).toHaveValue('0.90');

	await perDay.fill('7');
	await page.getByLabel('Learning steps', { exact: true }).fill('soon');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText(/Learning steps must be like/)).toBeVisible();
	await page.getByLabel('Learning steps', { exact: true }).fill('2m 15m');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
	await page.reload();
	await expect(perDay).toHaveValue('7');
	await expect(page.getByLabel('Learning steps', { exact: true })).toHaveValue('2m 15m');
});

test('Reset progress says what will be lost, asks first, and keeps the settings', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Maximum reviews a day').fill('150');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();

	await openReview(page);
	const start = await counts(page);
	await answerByKeys(page, '3');
	await page.getByRole('button', { name: 'Suspend' }).click();

	await page.goto('/settings');
	await page.getByRole('button', { name: /^Reset progress/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Reset all progress?' });
	await expect(dialog).toContainText('This deletes 1 review');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await page.goto('/');
	expect((await todayNumbers(page)).answered).toBe(1);

	await page.goto('/settings');
	await page.getByRole('button', { name: /^Reset progress/ }).click();
	await dialog.getByRole('button', { name: 'Delete all progress' }).click();
	await expect(page.getByText('Progress reset: 1 review deleted.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Maximum reviews a day')).toHaveValue('150');

	await openReview(page);
	expect(await counts(page)).toEqual(start);
	await page.goto('/cards?state=suspended');
	await expect(page.getByText('No card matches these filters.')).toBeVisible();
});

test('persistent storage is asked for once, after the first answer ever', async ({ page }) => {
	// Count the calls across reloads (a reload resets the page's own variables): the request to keep the data,
	// and the look at whether it is kept, which each session makes after its first answer before it decides.
	await page.addInitScript(() => {
		const storage = navigator.storage;
		const count = (key: string) =>
			localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? 0) + 1));
		storage.persist = async () => {
			count('persist-calls');
			return true;
		};
		storage.persisted = async () => {
			count('persisted-calls');
			return false;
		};
	});
	await openReview(page);
	const calls = (key: string) => page.evaluate((key) => Number(localStorage.getItem(key) ?? 0), key);
	expect(await calls('persist-calls')).toBe(0);
	for (let i = 0; i < 2; i++) {
		await page.getByRole('button', { name: 'Show answer' }).click();
		await page.getByRole('button', { name: /^Again/ }).click();
		await expect(answerShown(page)).toHaveCount(0);
	}
	await expect.poll(() => calls('persist-calls')).toBe(1);
	await page.reload();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Again/ }).click();
	await expect(answerShown(page)).toHaveCount(0);
	// The new session looked, after its first answer, and did not ask again.
	await expect.poll(() => calls('persisted-calls')).toBe(2);
	expect(await calls('persist-calls')).toBe(1);
});

test('the review, card and settings screens have no detectable accessibility problems', async ({ page }) => {
	test.slow(); // axe takes seconds a page
	const check = async () => {
		const { violations } = await new AxeBuilder({ page }).analyze();
		expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	};
	await openReview(page);
	await check();
	await page.keyboard.press('Space');
	await expect(answerShown(page)).toBeVisible();
	await check();
	await page.keyboard.press('3');
	await expect(answerShown(page)).toHaveCount(0);
	// The card answered, with its progress and history (the whole deck would take axe too long).
	await page.goto('/cards?state=learning');
	await page.getByText('Review history').click();
	await expect(page.locator('.history li')).toHaveCount(1);
	await check();
	await page.goto('/settings');
	await page.getByLabel('Desired retention').fill('2');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Nothing was saved')).toBeVisible();
	await check();
});
