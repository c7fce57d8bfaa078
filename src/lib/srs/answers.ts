// The four answers to a card, their names, and intervals written short, as the screens show them. Pure, and
// free of the scheduler (scheduler.ts re-exports them), so that the review screen shows its first card without it.
import type { Answer } from '../model.ts';

export const ANSWERS: readonly Answer[] = [1, 2, 3, 4];
export const ANSWER_NAMES: Record<Answer, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** A short interval such as "1m", "10m", "3h", "4d", "2mo", "1.5y"; never negative. */
export function formatInterval(ms: number): string {
	const minutes = Math.max(0, ms) / 60_000;
	if (minutes < 1) return '<1m';
	if (minutes < 60) return `${Math.round(minutes)}m`;
	const hours = minutes / 60;
	if (hours < 24) return `${Math.round(hours)}h`;
	const days = hours / 24;
	if (days < 30) return `${Math.round(days)}d`;
	if (days < 365) return `${Math.round((days / 30) * 10) / 10}mo`.replace('.0mo', 'mo');
	return `${Math.round((days / 365) * 10) / 10}y`.replace('.0y', 'y');
}
