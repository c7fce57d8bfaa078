// How .dependency-cruiser.cjs resolves SvelteKit's $lib alias (as vite does; see svelte.config.js).
const { resolve } = require('node:path');
module.exports = { resolve: { alias: { $lib: resolve(__dirname, 'src/lib') } } };
