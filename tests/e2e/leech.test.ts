import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import type { Answer, CardStateRow, ReviewRow } from '../../src/lib/model.ts';
import { DEFAULT_SETTINGS } from '../../src/lib/srs/defaults.ts';
import { makeScheduler, rate, State } from '../../src/lib/srs/scheduler.ts';
import { deck, writeRows } from './support/history.ts';
import { answerByKeys, question } from './support/review.ts';

const DAY = 86_400_000;

/**
 * A card learned, then forgotten and relearned 7 times (each lapse answered when it fell due), its log ending
 * before `now` with the card in review and due: the next Again is its 8th lapse. Starts far enough back that the
 * card is due again by `now`.
 */
function sevenLapses(cardId: string, now: number): { reviews: ReviewRow[]; state: CardStateRow } {
	const f = makeScheduler(DEFAULT_SETTINGS);
	for (let back = 60; ; back += 30) {
		const reviews: ReviewRow[] = [];
		let state: CardStateRow | undefined;
		const answer = (rating: Answer, at: number) => {
			const r = rate(f, cardId, state, rating, at, crypto.randomUUID(), 6_000);
			reviews.push(r.review);
			state = r.state;
			return r.state;
		};
		let s = answer(3, now - back * DAY);
		while (s.state !== State.Review) s = answer(3, s.due);
		for (let lapse = 0; lapse < 7; lapse++) {
			s = answer(1, s.due);
			while (s.state !== State.Review) s = answer(3, s.due);
		}
		if (s.due < now - 60_000) return { reviews, state: s };
	}
}

test('the 8th lapse makes a leech: the review screen says so, links its passage, and Cards lists it', async ({
	page
}) => {
	// Four page loads.
	test.slow();
	const card = deck.cards.find((c) => c.refs.length > 0)!;
	const ref = card.refs[0]!;
	await page.goto('/review');
	await expect(question(page)).toBeVisible();

	// The card forgotten 7 times and due now; no new cards today, so it is the one card shown.
	const now = await page.evaluate(() => Date.now());
	const { reviews, state } = sevenLapses(card.id, now);
	expect(state.lapses).toBe(7);
	await writeRows(page, {
		reviews,
		cardStates: [state],
		settings: [{ key: 'srs', value: { ...DEFAULT_SETTINGS, newPerDay: 0 } }]
	});
	await page.reload();
	await expect(question(page)).toHaveText(card.question);

	await answerByKeys(page, '1');
	const notice = page.getByTestId('leech-notice');
	await expect(notice).toContainText(`you have forgotten “${card.question}” 8 times or more`);
	await expect(notice).toContainText('It is suspended');
	await expect(notice.getByRole('link', { name: 'read the passage' })).toHaveAttribute(
		'href',
		`/read/${ref.document}?quote=${encodeURIComponent(ref.quote)}#${ref.passage}`
	);
	expect(
		(await new AxeBuilder({ page }).include('[data-testid="leech-notice"]').analyze()).violations
	).toEqual([]);

	// Suspended with the answer: out of today's review.
	await expect(question(page)).toHaveCount(0);

	await notice.getByRole('link', { name: 'Cards' }).click();
	await expect(page).toHaveURL(/\/cards\?leech=1$/);
	await expect(page.getByRole('checkbox', { name: 'Leeches only' })).toBeChecked();
	const listed = page.locator('.card-box');
	await expect(listed).toHaveCount(1);
	await expect(listed).toContainText(card.question);
	await expect(listed.locator('.chip.leech')).toHaveText('Leech');
	await expect(listed.locator('.chip.status-suspended')).toBeVisible();

	// The notice's passage link opens the reader at the card's passage.
	await page.goto(`/read/${ref.document}?quote=${encodeURIComponent(ref.quote)}#${ref.passage}`);
	await expect(page.locator(`[id="${ref.passage}"]`)).toBeVisible();
});
