// Every route is prerendered with its content (the documents, the cards, the quizzes, each screen's frame), so
// a page paints before its JavaScript runs; what comes from IndexedDB is read in the browser after hydration,
// into boxes the HTML already holds at their size. An address that was not prerendered is answered by the
// fallback page (svelte.config.js), which renders in the browser alone.
export const prerender = true;
