// Whether a component runs in the browser yet. Pages are prerendered: until the page is hydrated, a control that
// needs JavaScript would take a press and do nothing, so it shows as disabled; and what only the browser knows
// (the address's query and hash, what the device can do) is applied from then on.
import { onMount } from 'svelte';

/** Made while a component is set up; `done` turns true once the component is mounted in the browser. */
export function mounted(): { readonly done: boolean } {
	let done = $state(false);
	onMount(() => {
		done = true;
	});
	return {
		get done() {
			return done;
		}
	};
}
