// Runs once in the browser before the router starts.
import { safeHash } from '$lib/ui/address.ts';

/**
 * A malformed hash in the address (`#%ZZ`, from a hand-edited or truncated link) would make the router throw
 * as it decodes it: the hash is made safe first (it still names the same text), at start and whenever the
 * address changes by hand or through history.
 */
function repairHash(): void {
	const safe = safeHash(location.hash);
	if (safe !== null) history.replaceState(history.state, '', `${location.pathname}${location.search}${safe}`);
}

export function init(): void {
	repairHash();
	// Heard before the router's own listeners, which are added after this.
	addEventListener('popstate', repairHash);
	addEventListener('hashchange', repairHash);
}
