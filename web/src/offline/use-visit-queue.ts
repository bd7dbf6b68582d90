// The app's one visit queue (visit-queue.ts over IndexedDB, sending through
// api/visits.ts) and its schedule: a flush when the layout starts (page load), on the
// browser's `online` event and every 30 s while online. The state is reactive, so the
// banner "N 条走访待上传" and the queue list on 我的帮扶户 follow it.
import { computed, reactive } from 'vue';
import { createVisitApi, uploadVisitPhotoApi } from '@/api/visits';
import type { VisitDraft } from '@/api/types';
import { useUserStore } from '@/store/user';
import { openQueueStorage } from './idb-storage';
import { VisitQueue, type FlushReport, type QueuedVisit } from './visit-queue';

export const FLUSH_INTERVAL_MS = 30_000;
/** A request that hangs (a weak signal) is given up after this long and tried again later. */
const VISIT_TIMEOUT_MS = 20_000;
const PHOTO_TIMEOUT_MS = 90_000;

export interface QueueUiState {
  items: QueuedVisit[];
  ready: boolean;
  flushing: boolean;
  /** false when the queue lives in memory only (no IndexedDB) */
  persistent: boolean;
  /** bumped whenever a flush confirmed at least one visit: pages read their lists again */
  sentRevision: number;
  lastReport: FlushReport | null;
}

export const queueState = reactive<QueueUiState>({
  items: [],
  ready: false,
  flushing: false,
  persistent: true,
  sentRevision: 0,
  lastReport: null,
});

function withTimeout<T>(ms: number, send: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  const signal = typeof AbortSignal !== 'undefined' && 'timeout' in AbortSignal ? AbortSignal.timeout(ms) : undefined;
  return send(signal);
}

/** Serialises flushes across tabs of the same browser where the Web Locks API exists. */
function webLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('fupin-visit-queue', task) as Promise<T>) : task();
}

let queuePromise: Promise<VisitQueue> | null = null;

export function getVisitQueue(): Promise<VisitQueue> {
  queuePromise ??= openQueueStorage().then(async (storage) => {
    const queue = new VisitQueue(
      storage,
      {
        createVisit: (draft) => withTimeout(VISIT_TIMEOUT_MS, (signal) => createVisitApi(draft, signal)),
        uploadPhoto: (visitId, photo) => withTimeout(PHOTO_TIMEOUT_MS, (signal) => uploadVisitPhotoApi(visitId, photo, signal)),
      },
      { lock: webLock, onChange: (items) => (queueState.items = items) },
    );
    queueState.persistent = storage.persistent;
    await queue.load();
    queueState.ready = true;
    return queue;
  });
  return queuePromise;
}

/** Sends `owner`'s pending visits; null when there was nothing to do or the queue failed. */
export async function flushVisitQueue(owner: string): Promise<FlushReport | null> {
  if (!owner) return null;
  const queue = await getVisitQueue();
  // With IndexedDB another tab may have queued visits, so the flush reads the storage
  // again; in memory only this tab's items exist.
  const nothing = !queue.list().some((i) => i.owner === owner && i.state === 'pending');
  if (nothing && !queue.persistent) return null;
  queueState.flushing = true;
  try {
    const report = await queue.flush(owner);
    queueState.lastReport = report;
    if (report.sent.length) queueState.sentRevision++;
    return report;
  } catch {
    return null; // storage trouble: the items stay where they are
  } finally {
    queueState.flushing = false;
  }
}

/**
 * Runs `flush` now, on every `online` event of `target`, and every `interval` ms while
 * the browser believes it is online. Returns the function that stops it.
 */
export function scheduleFlushes(flush: () => unknown, target: Window = window, interval = FLUSH_INTERVAL_MS): () => void {
  void flush();
  const onOnline = () => void flush();
  target.addEventListener('online', onOnline);
  const timer = setInterval(() => {
    if (target.navigator?.onLine !== false) void flush();
  }, interval);
  return () => {
    target.removeEventListener('online', onOnline);
    clearInterval(timer);
  };
}

/** The queue as the signed-in user sees it, and the actions on it. */
export function useVisitQueue() {
  const user = useUserStore();
  const owner = computed(() => user.user?.username ?? '');
  const mine = computed(() => queueState.items.filter((i) => i.owner === owner.value));
  const pending = computed(() => mine.value.filter((i) => i.state === 'pending'));
  const rejected = computed(() => mine.value.filter((i) => i.state === 'rejected'));

  /** Queues a visit (kept before anything is sent), then tries to send the queue. */
  async function submit(draft: VisitDraft, householdName: string, photos: { blob: Blob; name?: string }[]): Promise<QueuedVisit> {
    const queue = await getVisitQueue();
    const item = await queue.enqueue({ owner: owner.value, draft, household_name: householdName, photos });
    void flushVisitQueue(owner.value);
    return item;
  }

  async function discard(clientId: string): Promise<void> {
    await (await getVisitQueue()).discard(clientId);
  }

  async function retry(clientId: string): Promise<FlushReport | null> {
    await (await getVisitQueue()).retry(clientId);
    return flushVisitQueue(owner.value);
  }

  return {
    state: queueState,
    mine,
    pending,
    rejected,
    submit,
    discard,
    retry,
    flush: () => flushVisitQueue(owner.value),
  };
}
