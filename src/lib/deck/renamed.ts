// This deck's renamed and retired card ids (compiled from content/ by the deck plugin, renames.ts).
import renames from 'virtual:deck-renames';

/** Old card id → the card that replaces it now. */
export const renamedCards: ReadonlyMap<string, string> = new Map(Object.entries(renames.replaced));

/** Ids of cards dropped with no successor. */
export const retiredCards: readonly string[] = renames.retired;
