// Progress is keyed by card id; the queue takes the deck's cards as they are now.
import 'fake-indexeddb/auto';
import { beforeEach, expect, it } from 'vitest';
import type { Card } from '../model.ts';
import { StudyDatabase, useDatabase } from '../db/index.ts';
import { answerCard, rebuildAllStates, reviewsOfCard } from '../db/reviews.ts';
import { TestClock } from '../../../tests/unit/clock.ts';
import { TodayQueue } from './today.svelte.ts';

const DAY = 86_400_000;
const t0 = new Date(2026, 2, 10, 10, 0).getTime();

function card(id: string, order: number, question = `Question ${id}?`): Card {
	return {
		id,
		question,
		answer: `Answer ${id}`,
		topics: ['diplomacy'],
		refs: [{ document: 'encyclopedia', passage: 'overview', quote: 'Kazakhstan' }],
		choices: ['x', 'y', 'z'],
		accept: [],
		order
	};
}

beforeEach(() => {
	useDatabase(new StudyDatabase(`test-${crypto.randomUUID()}`));
});

async function queueFor(deck: Card[], now: number) {
	const today = new TodayQueue(deck, new TestClock(now));
	today.start();
	for (let i = 0; i < 500 && !today.queue; i++) await new Promise((r) => setTimeout(r, 10));
	today.stop();
	return today.queue!;
}

const later = t0 + 60 * DAY;
const before = [card('kept', 0), card('removed', 1), card('untouched', 2)];
const after = [card('kept', 0, 'The same question in new words?'), card('untouched', 1), card('added', 2)];

async function studyBefore() {
	for (const c of before) await answerCard(c.id, 4, { now: t0 });
	expect((await queueFor(before, later)).review.sort()).toEqual(['kept', 'removed', 'untouched']);
}

it('keeps the progress of a card whose wording changed', async () => {
	await studyBefore();
	const q = await queueFor(after, later);
	expect(q.review).toContain('kept');
	expect(q.fresh).not.toContain('kept');
});

it('shows a card added to the deck as new', async () => {
	await studyBefore();
	const q = await queueFor(after, later);
	expect(q.fresh).toEqual(['added']);
	expect(q.counts).toEqual({ fresh: 1, learning: 0, review: 2 });
});

it('drops a card taken out of the deck from the queue, and keeps its history', async () => {
	await studyBefore();
	const q = await queueFor(after, later);
	expect([...q.review, ...q.fresh, ...q.learning, ...q.later.map((c) => c.id)]).not.toContain('removed');
	await rebuildAllStates();
	expect(await reviewsOfCard('removed')).toHaveLength(1);
	// Put back in the deck, it comes back with its schedule.
	expect((await queueFor(before, later)).review).toContain('removed');
});
