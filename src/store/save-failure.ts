/** The one-line notices for a save that failed (quota full, storage disabled): reported, never fatal. */
// the browser's name for it ('QuotaExceededError', 'SecurityError') says more than its long message
export const reason = (err: unknown) => {
  if (!(err instanceof Error)) return String(err);
  return err.name === 'Error' ? err.message : err.name;
};

export const settingsNotSaved = (err: unknown) => `Your settings could not be saved in this browser (${reason(err)}); they will not survive a reload.`;

export const runNotSaved = (err: unknown) => `This run could not be saved for your next visit (${reason(err)}); it stays on screen until you reload.`;
