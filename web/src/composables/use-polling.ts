// Runs `load` now, again every `intervalMs` while the page is visible, and when the
// tab comes back; stops when the component goes away. `refresh()` runs it at once.
import { onBeforeUnmount, onMounted } from 'vue';

export function usePolling(load: () => Promise<unknown> | unknown, intervalMs = 10_000) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let running = false;

  async function refresh(): Promise<void> {
    if (running) return;
    running = true;
    try {
      await load();
    } finally {
      running = false;
    }
  }

  function onVisibility(): void {
    if (document.visibilityState === 'visible') void refresh();
  }

  onMounted(() => {
    timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, intervalMs);
    document.addEventListener('visibilitychange', onVisibility);
  });

  onBeforeUnmount(() => {
    if (timer) clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  });

  return { refresh };
}
