// A swipe on the review card rates it: left Again, right Good. The card follows the finger (or pointer), the
// rating is named once the card crosses the threshold, and letting go past it rates; short of it the card goes
// back. Vertical movement stays a scroll (touch-action: pan-y). Off under prefers-reduced-motion: the
// buttons are always there.
import type { Action } from 'svelte/action';
import type { Answer } from '$lib/model.ts';

export interface SwipeOptions {
	/** Swipes rate only while this holds (the answer is shown, nothing is being saved). */
	enabled: boolean;
	onrate: (rating: Answer) => void;
	/** Told which rating a release would give now (null: none), so that the screen can name it. */
	onhint: (rating: Answer | null) => void;
}

/** The share of the card's width to cross before a release rates. */
const THRESHOLD = 0.3;
const MIN_PX = 60;

export const swipe: Action<HTMLElement, SwipeOptions> = (node, initial) => {
	let options = initial;
	let start: { id: number; x: number; y: number } | null = null;
	let dx = 0;
	let horizontal = false;
	const reduced = matchMedia('(prefers-reduced-motion: reduce)');

	const threshold = () => Math.max(MIN_PX, node.offsetWidth * THRESHOLD);
	const ratingAt = (x: number): Answer | null => (x <= -threshold() ? 1 : x >= threshold() ? 3 : null);
	const active = () => options.enabled && !reduced.matches;

	function place(x: number) {
		node.style.transform = x ? `translateX(${x}px) rotate(${x / 40}deg)` : '';
	}

	function reset() {
		start = null;
		dx = 0;
		horizontal = false;
		node.style.transition = '';
		place(0);
		options.onhint(null);
	}

	function down(event: PointerEvent) {
		if (!active() || !event.isPrimary || event.button !== 0) return;
		if (event.target instanceof Element && event.target.closest('a, button, input, summary')) return;
		start = { id: event.pointerId, x: event.clientX, y: event.clientY };
		node.style.transition = 'none';
	}

	function move(event: PointerEvent) {
		if (!start || event.pointerId !== start.id) return;
		const x = event.clientX - start.x;
		const y = event.clientY - start.y;
		if (!horizontal) {
			// Mostly up or down: a scroll, not a swipe.
			if (Math.abs(y) > Math.abs(x) && Math.abs(y) > 10) return reset();
			if (Math.abs(x) < 10) return;
			horizontal = true;
			node.setPointerCapture(event.pointerId);
		}
		dx = x;
		place(dx);
		options.onhint(ratingAt(dx));
	}

	function up(event: PointerEvent) {
		if (!start || event.pointerId !== start.id) return;
		const rating = horizontal && active() ? ratingAt(dx) : null;
		reset();
		if (rating) options.onrate(rating);
	}

	node.style.touchAction = 'pan-y';
	node.addEventListener('pointerdown', down);
	node.addEventListener('pointermove', move);
	node.addEventListener('pointerup', up);
	node.addEventListener('pointercancel', reset);
	return {
		update(next) {
			options = next;
			if (!active() && start) reset();
		},
		destroy() {
			node.removeEventListener('pointerdown', down);
			node.removeEventListener('pointermove', move);
			node.removeEventListener('pointerup', up);
			node.removeEventListener('pointercancel', reset);
		}
	};
};
