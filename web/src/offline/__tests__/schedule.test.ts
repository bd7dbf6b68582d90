// The queue's schedule: a flush at once (page load), on the browser's `online` event,
// and every 30 s while the browser is online; nothing after stop().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLUSH_INTERVAL_MS, scheduleFlushes } from '../use-visit-queue';
import { newClientId } from '../photo';

afterEach(() => {
  vi.useRealTimers();
});

function fakeWindow(online = true) {
  const target = new EventTarget() as EventTarget & { navigator: { onLine: boolean } };
  target.navigator = { onLine: online };
  return target;
}

describe('flush schedule', () => {
  it('flushes on load, on "online" and every 30 s while online', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const flush = vi.fn();
    const stop = scheduleFlushes(flush, win as unknown as Window);
    expect(FLUSH_INTERVAL_MS).toBe(30_000);
    expect(flush).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(30_000);
    expect(flush).toHaveBeenCalledTimes(2);

    win.navigator.onLine = false;
    vi.advanceTimersByTime(60_000);
    expect(flush).toHaveBeenCalledTimes(2); // offline: the timer waits

    win.navigator.onLine = true;
    win.dispatchEvent(new Event('online'));
    expect(flush).toHaveBeenCalledTimes(3);

    stop();
    win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(90_000);
    expect(flush).toHaveBeenCalledTimes(3);
  });
});

describe('client ids', () => {
  it('are version-4 UUIDs, different each time, also without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const a = newClientId();
    expect(a).toMatch(uuid);
    expect(newClientId()).not.toBe(a);
    // Plain http on a LAN address is not a secure context: randomUUID is missing there.
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newClientId()).toMatch(uuid);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
