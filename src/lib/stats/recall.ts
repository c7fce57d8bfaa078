// How well the learner knows each topic and each passage now, from the card states (ts-fsrs retrievability).
import type { CardStateRow, QuizRow } from '../model.ts';
import type { FSRS } from 'ts-fsrs';
import { recall, State } from '../srs/scheduler.ts';

type States = ReadonlyMap<string, CardStateRow>;

function seen(state: CardStateRow | undefined): state is CardStateRow {
	return !!state && state.state !== State.New;
}

/** Of some cards, how many were seen, and the sum of their probabilities of recall now. */
function recallOfSeen(
	cardIds: readonly string[],
	states: States,
	f: FSRS,
	now: number
): { seen: number; sum: number } {
	let n = 0;
	let sum = 0;
	for (const id of cardIds) {
		const s = states.get(id);
		if (!seen(s)) continue;
		n++;
		sum += recall(f, s, now);
	}
	return { seen: n, sum };
}

export interface TopicStat {
	id: string;
	title: string;
	cards: number;
	/** Cards answered at least once. */
	seen: number;
	/** Mean probability of recalling the seen cards now; null when none is seen. */
	recall: number | null;
	/** The best finished quiz on this topic alone. */
	bestQuiz: { score: number; total: number; ratio: number } | null;
}

export function topicStats(
	topics: readonly { id: string; title: string }[],
	cardIdsOf: (topic: string) => readonly string[],
	states: States,
	quizzes: readonly QuizRow[],
	f: FSRS,
	now: number
): TopicStat[] {
	return topics.map((t) => {
		const ids = cardIdsOf(t.id);
		const { seen: n, sum } = recallOfSeen(ids, states, f, now);
		// On a tie, the one finished first, whatever order the quizzes come in.
		let bestQuiz: TopicStat['bestQuiz'] = null;
		let bestAt = Infinity;
		for (const q of quizzes) {
			if (q.scope !== t.id || q.finishedAt === null || !q.cardIds.length) continue;
			const ratio = q.score / q.cardIds.length;
			if (!bestQuiz || ratio > bestQuiz.ratio || (ratio === bestQuiz.ratio && q.finishedAt < bestAt)) {
				bestQuiz = { score: q.score, total: q.cardIds.length, ratio };
				bestAt = q.finishedAt;
			}
		}
		return { id: t.id, title: t.title, cards: ids.length, seen: n, recall: n ? sum / n : null, bestQuiz };
	});
}

export interface PassageRecall {
	/** Mean probability of recalling the passage's cards now; a card never studied counts as 0. */
	recall: number;
	studied: number;
	cards: number;
}

/** The knowledge map's value for one passage; null for a passage without cards. */
export function passageRecall(
	cardIds: readonly string[],
	states: States,
	f: FSRS,
	now: number
): PassageRecall | null {
	if (!cardIds.length) return null;
	const { seen: studied, sum } = recallOfSeen(cardIds, states, f, now);
	return { recall: sum / cardIds.length, studied, cards: cardIds.length };
}

/** The knowledge map of a document: each passage's recall, for the passages that have cards. */
export function passagesRecall(
	passages: readonly { id: string; cardIds: readonly string[] }[],
	states: States,
	f: FSRS,
	now: number
): Map<string, PassageRecall> {
	const out = new Map<string, PassageRecall>();
	for (const p of passages) {
		const r = passageRecall(p.cardIds, states, f, now);
		if (r) out.set(p.id, r);
	}
	return out;
}

/** The knowledge map's five shades: 0 not studied, then 1–4 by recall below 50%, 70%, 90%, and from 90%. */
export function recallShade(p: PassageRecall): 0 | 1 | 2 | 3 | 4 {
	if (!p.studied) return 0;
	if (p.recall < 0.5) return 1;
	if (p.recall < 0.7) return 2;
	if (p.recall < 0.9) return 3;
	return 4;
}
