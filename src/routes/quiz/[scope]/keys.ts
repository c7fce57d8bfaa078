// Quiz shortcuts listen on the window; these say when a key press is not theirs to take.

/** True when the key is part of typing, a browser shortcut, or already handled. */
export function notAShortcut(e: KeyboardEvent): boolean {
	if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return true;
	const target = e.target;
	return (
		target instanceof HTMLElement &&
		(target.isContentEditable || target.closest('input, textarea, select') !== null)
	);
}

/** True when the key press lands on something that acts on Enter by itself (a button, a link). */
export function onControl(e: KeyboardEvent): boolean {
	const target = e.target;
	return target instanceof HTMLElement && target.closest('button, a, summary, [role="button"]') !== null;
}

/** An attachment that moves focus to its element when it appears. */
export function focusOnMount(element: HTMLElement): void {
	element.focus();
}
