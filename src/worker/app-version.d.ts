/** package.json's version, defined by vite.config.ts: a new release invalidates the remembered backend choice. */
declare const __APP_VERSION__: string;
