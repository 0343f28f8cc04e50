/** Full screen on and off for the whole page; a browser that refuses (or has no Fullscreen API) is left as it is. */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) exitFullscreen();
  else if (document.fullscreenEnabled && typeof document.documentElement.requestFullscreen === 'function')
    void document.documentElement.requestFullscreen().catch(() => undefined);
}

export function exitFullscreen(): void {
  if (document.fullscreenElement && typeof document.exitFullscreen === 'function') void document.exitFullscreen().catch(() => undefined);
}
