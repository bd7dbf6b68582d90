// The offline visit queue 走访待上传队列. The visit form never sends a visit directly:
// it writes the visit (with its client_id and photos) into the queue first, then the
// queue tries to send it. So a visit logged in a village without signal is kept on
// the phone and sent when the connection is back, and nothing is ever dropped without
// the user saying so:
//   - a network failure (no connection, timeout, 5xx, 429, or 401 while signed out)
//     keeps the visit pending; it is tried again on the next flush (the `online`
//     event, page load, every 30 s — see use-visit-queue.ts);
//   - a refusal (any other 4xx) keeps the visit, marked rejected with the server's
//     zh/en message, for the user to fix (edit and send again) or discard;
//   - `200 {duplicate: true}` means the server already has that client_id: sent.
// No duplicates: the client_id makes POST /visits idempotent on the server; a flush
// runs one at a time (a second call joins the running one; across tabs through the
// injected lock), and photos, uploaded after the visit is stored, leave the queue one
// by one as the server confirms them (the same bytes twice are one photo there).
//
// This module is plain TypeScript with its storage, sender and clock injected, so it is
// tested without a browser (__tests__/visit-queue.test.ts); idb-storage.ts keeps the
// queue in IndexedDB in the app.
import type { LocalizedText, VisitDraft } from '@/api/types';

/** A photo waiting to be uploaded, kept as a Blob (IndexedDB stores Blobs as they are). */
export interface QueuedPhoto {
  /** local id, unique within the visit */
  id: string;
  blob: Blob;
  name: string;
}

/** Why the last attempt failed, as the server (or the network) said. */
export interface QueueError {
  status: number;
  code: string;
  rule: string;
  field: string;
  message: LocalizedText | null;
}

export type QueueItemState = 'pending' | 'rejected';

export interface QueuedVisit {
  client_id: string;
  /** the user who logged the visit: only their session sends it */
  owner: string;
  draft: VisitDraft;
  /** shown in the queue list while the visit is not sent */
  household_name: string;
  /** photos not yet confirmed by the server */
  photos: QueuedPhoto[];
  /** the server's visit id once the visit is stored (photos may still be waiting) */
  visit_id: number | string | null;
  state: QueueItemState;
  /** the last failure: a network error on a pending item, the refusal on a rejected one */
  error: QueueError | null;
  /** what failed: storing the visit or uploading a photo */
  stage: 'visit' | 'photo';
  attempts: number;
  queued_at: string;
  last_attempt_at: string | null;
}

/** Where the queue lives between page loads. */
export interface QueueStorage {
  all(): Promise<QueuedVisit[]>;
  put(item: QueuedVisit): Promise<void>;
  delete(clientId: string): Promise<void>;
  /** false when the items do not survive a page load (no IndexedDB) */
  readonly persistent: boolean;
}

/** How the queue talks to the server (api/visits.ts in the app). */
export interface VisitSender {
  createVisit(draft: VisitDraft): Promise<{ visit: { id: number | string }; duplicate: boolean }>;
  uploadPhoto(visitId: number | string, photo: Blob): Promise<unknown>;
}

export interface FlushReport {
  /** visits (with all their photos) the server confirmed in this flush */
  sent: string[];
  /** of those, visits the server already had (duplicate: true) */
  duplicates: string[];
  /** visits refused in this flush (kept, rejected) */
  rejected: string[];
  /** visits still pending after it (network) */
  pending: string[];
  /** true when the flush stopped at a network failure */
  offline: boolean;
}

export interface VisitQueueOptions {
  now?: () => Date;
  /** Runs `task` exclusively (navigator.locks across tabs in the app); default: directly. */
  lock?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Called with every item whenever the queue changes. */
  onChange?: (items: QueuedVisit[]) => void;
}

/** A failure worth trying again later: no connection, the server busy or down, signed out. */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
}

/** Any thrown value as a QueueError (an ApiError's fields, else a network failure). */
export function toQueueError(cause: unknown): QueueError {
  const e = (cause ?? {}) as { status?: unknown; code?: unknown; rule?: unknown; field?: unknown; messages?: unknown };
  const status = typeof e.status === 'number' ? e.status : 0;
  const m = e.messages as Partial<LocalizedText> | null | undefined;
  return {
    status,
    code: typeof e.code === 'string' && e.code ? e.code : 'network',
    rule: typeof e.rule === 'string' ? e.rule : '',
    field: typeof e.field === 'string' ? e.field : '',
    message: m && (m.zh || m.en) ? { zh: m.zh || m.en || '', en: m.en || m.zh || '' } : null,
  };
}

function sortByTime(items: QueuedVisit[]): QueuedVisit[] {
  return [...items].sort((a, b) => a.queued_at.localeCompare(b.queued_at) || a.client_id.localeCompare(b.client_id));
}

export class VisitQueue {
  private items: QueuedVisit[] = [];
  private running: Promise<FlushReport> | null = null;
  private next: Promise<FlushReport> | null = null;
  private readonly now: () => Date;
  private readonly lock: <T>(task: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly storage: QueueStorage,
    private readonly sender: VisitSender,
    private readonly options: VisitQueueOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.lock = options.lock ?? ((task) => task());
  }

  get persistent(): boolean {
    return this.storage.persistent;
  }

  /** The items in the order they were queued. */
  list(): QueuedVisit[] {
    return [...this.items];
  }

  /** Reads the queue from its storage (page load, before a flush). */
  async load(): Promise<QueuedVisit[]> {
    this.items = sortByTime(await this.storage.all());
    this.changed();
    return this.list();
  }

  /**
   * Keeps a new visit (pending) — stored before anything is sent, so a crash or a
   * closed tab loses nothing. The same client_id again replaces the item (an edit of a
   * rejected visit), pending again.
   */
  async enqueue(input: {
    owner: string;
    draft: VisitDraft;
    household_name: string;
    photos?: { blob: Blob; name?: string }[];
  }): Promise<QueuedVisit> {
    const previous = this.items.find((i) => i.client_id === input.draft.client_id);
    const photos = (input.photos ?? []).map((p, i) => ({ id: `${input.draft.client_id}:${i}`, blob: p.blob, name: p.name ?? '' }));
    const item: QueuedVisit = {
      client_id: input.draft.client_id,
      owner: input.owner,
      draft: input.draft,
      household_name: input.household_name,
      photos,
      visit_id: previous?.visit_id ?? null,
      state: 'pending',
      error: null,
      stage: previous?.visit_id ? 'photo' : 'visit',
      attempts: previous?.attempts ?? 0,
      queued_at: previous?.queued_at ?? this.now().toISOString(),
      last_attempt_at: previous?.last_attempt_at ?? null,
    };
    await this.storage.put(item);
    this.items = sortByTime([...this.items.filter((i) => i.client_id !== item.client_id), item]);
    this.changed();
    return item;
  }

  /** Removes an item the user chose to give up (never done by the queue itself). */
  async discard(clientId: string): Promise<void> {
    await this.storage.delete(clientId);
    this.items = this.items.filter((i) => i.client_id !== clientId);
    this.changed();
  }

  /** Makes a rejected item pending again (e.g. after the user fixed the cause elsewhere). */
  async retry(clientId: string): Promise<void> {
    const item = this.items.find((i) => i.client_id === clientId);
    if (!item) return;
    await this.save({ ...item, state: 'pending', error: null });
  }

  /**
   * Sends the pending visits of `owner`, oldest first. One flush at a time: a call while
   * one runs waits for it and then runs once more (so a visit queued meanwhile goes too).
   */
  flush(owner: string): Promise<FlushReport> {
    if (this.running) {
      // Callers during a flush share one more flush after it.
      if (!this.next) {
        const after = () => {
          this.next = null;
          return this.flush(owner);
        };
        this.next = this.running.then(after, after);
      }
      return this.next;
    }
    const run = this.lock(() => this.flushOnce(owner)).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async flushOnce(owner: string): Promise<FlushReport> {
    // Another tab may have sent or added items: read the storage again.
    this.items = sortByTime(await this.storage.all());
    const report: FlushReport = { sent: [], duplicates: [], rejected: [], pending: [], offline: false };
    for (const original of this.items.filter((i) => i.owner === owner && i.state === 'pending')) {
      if (report.offline) {
        report.pending.push(original.client_id);
        continue;
      }
      const outcome = await this.send(original);
      if (outcome === 'sent' || outcome === 'duplicate') {
        report.sent.push(original.client_id);
        if (outcome === 'duplicate') report.duplicates.push(original.client_id);
      } else if (outcome === 'rejected') {
        report.rejected.push(original.client_id);
      } else {
        report.pending.push(original.client_id);
        report.offline = true;
      }
    }
    this.changed();
    return report;
  }

  /** One visit: store it (unless stored already), then its photos one by one. */
  private async send(original: QueuedVisit): Promise<'sent' | 'duplicate' | 'rejected' | 'pending'> {
    let item: QueuedVisit = { ...original, attempts: original.attempts + 1, last_attempt_at: this.now().toISOString() };
    let duplicate = false;
    if (item.visit_id === null) {
      try {
        const result = await this.sender.createVisit(item.draft);
        duplicate = result.duplicate;
        item = { ...item, visit_id: result.visit.id, stage: 'photo', error: null };
        await this.save(item);
      } catch (cause) {
        return this.failed(item, 'visit', cause);
      }
    }
    while (item.photos.length) {
      const [photo, ...rest] = item.photos;
      try {
        await this.sender.uploadPhoto(item.visit_id!, photo.blob);
      } catch (cause) {
        return this.failed(item, 'photo', cause);
      }
      item = { ...item, photos: rest, error: null };
      if (rest.length) await this.save(item);
    }
    await this.storage.delete(item.client_id);
    this.items = this.items.filter((i) => i.client_id !== item.client_id);
    return duplicate ? 'duplicate' : 'sent';
  }

  private async failed(item: QueuedVisit, stage: 'visit' | 'photo', cause: unknown): Promise<'rejected' | 'pending'> {
    const error = toQueueError(cause);
    const state: QueueItemState = isRetryable(error.status) ? 'pending' : 'rejected';
    await this.save({ ...item, state, stage, error });
    return state;
  }

  private async save(item: QueuedVisit): Promise<void> {
    await this.storage.put(item);
    this.items = sortByTime([...this.items.filter((i) => i.client_id !== item.client_id), item]);
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.(this.list());
  }
}

/** A copy of an item sharing its photo Blobs (immutable), as a storage round trip gives. */
export function copyItem(item: QueuedVisit): QueuedVisit {
  return {
    ...item,
    draft: JSON.parse(JSON.stringify(item.draft)) as VisitDraft,
    photos: item.photos.map((p) => ({ ...p })),
    error: item.error ? { ...item.error, message: item.error.message ? { ...item.error.message } : null } : null,
  };
}

/** A queue storage in memory (tests; the fallback when IndexedDB is unavailable). */
export class MemoryQueueStorage implements QueueStorage {
  readonly persistent: boolean;
  private readonly map = new Map<string, QueuedVisit>();
  constructor(persistent = false) {
    this.persistent = persistent;
  }
  async all(): Promise<QueuedVisit[]> {
    return [...this.map.values()].map(copyItem);
  }
  async put(item: QueuedVisit): Promise<void> {
    this.map.set(item.client_id, copyItem(item));
  }
  async delete(clientId: string): Promise<void> {
    this.map.delete(clientId);
  }
}
