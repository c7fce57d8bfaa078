// The app's version, from package.json (only this field reaches the bundle).
export { version as APP_VERSION } from '../../package.json';
