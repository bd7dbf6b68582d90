// The offline visit queue: a visit is kept before it is sent, replays after a network
// failure, is never sent twice, counts a duplicate answer as sent, and keeps a refused
// visit with the server's message until the user fixes or discards it.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/client';
import type { VisitDraft } from '@/api/types';
import { isRetryable, MemoryQueueStorage, VisitQueue, type VisitSender } from '../visit-queue';

function draft(clientId: string, householdId = '5110251242290001'): VisitDraft {
  return {
    client_id: clientId,
    household_id: householdId,
    date: '2020-10-20',
    time: '09:30',
    kind: 'home_visit',
    measures: ['policy_explanation'],
    problems: [],
    notes: '',
  };
}

const offline = () => new ApiError(0, 'network');
const refused = () =>
  new ApiError(400, 'invalid_argument', 'visit.date', 'date', { zh: '走访日期不能晚于今天', en: 'the visit date is after today' });

/** A server that stores visits by client_id (as POST /visits does) and counts the calls. */
class FakeServer implements VisitSender {
  visits = new Map<string, { id: number; draft: VisitDraft; photos: number }>();
  creates: string[] = [];
  uploads: { visitId: number | string; size: number }[] = [];
  failCreate: (() => Error) | null = null;
  failUpload: (() => Error) | null = null;
  /** resolves a create only when the test says so */
  gate: Promise<void> | null = null;

  async createVisit(d: VisitDraft) {
    this.creates.push(d.client_id);
    if (this.gate) await this.gate;
    if (this.failCreate) throw this.failCreate();
    const known = this.visits.get(d.client_id);
    if (known) return { visit: { id: known.id }, duplicate: true };
    const visit = { id: this.visits.size + 1, draft: d, photos: 0 };
    this.visits.set(d.client_id, visit);
    return { visit: { id: visit.id }, duplicate: false };
  }

  async uploadPhoto(visitId: number | string, photo: Blob) {
    this.uploads.push({ visitId, size: photo.size });
    if (this.failUpload) throw this.failUpload();
    for (const v of this.visits.values()) if (v.id === visitId) v.photos++;
    return {};
  }
}

let clock = 0;
const now = () => new Date(Date.UTC(2020, 9, 20, 1, 0, clock++));

function setup(storage = new MemoryQueueStorage(true), server = new FakeServer()) {
  const onChange = vi.fn();
  const queue = new VisitQueue(storage, server, { now, onChange });
  return { queue, storage, server, onChange };
}

const photo = (bytes = 10) => ({ blob: new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name: 'p.png' });

describe('visit queue', () => {
  it('keeps the visit in storage before anything is sent', async () => {
    const { queue, storage, server } = setup();
    server.failCreate = offline;
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三', photos: [photo()] });
    const stored = await storage.all();
    expect(stored.map((i) => i.client_id)).toEqual(['a']);
    expect(stored[0].photos[0].blob.size).toBe(10);
    expect(server.creates).toEqual([]);
  });

  it('stays queued while offline and replays once the network is back', async () => {
    const { queue, storage, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    server.failCreate = offline;
    const first = await queue.flush('cadre');
    expect(first).toMatchObject({ sent: [], pending: ['a'], offline: true });
    const [kept] = await storage.all();
    expect(kept.state).toBe('pending');
    expect(kept.error?.code).toBe('network');
    expect(kept.attempts).toBe(1);

    server.failCreate = null;
    const second = await queue.flush('cadre');
    expect(second).toMatchObject({ sent: ['a'], pending: [], offline: false });
    expect(await storage.all()).toEqual([]);
    expect(server.visits.size).toBe(1);
    expect(server.creates).toEqual(['a', 'a']);
  });

  it('treats server trouble and a lost sign-in as "try again", other 4xx as refusals', () => {
    for (const s of [0, 401, 408, 429, 500, 502, 503]) expect(isRetryable(s), String(s)).toBe(true);
    for (const s of [400, 403, 404, 409, 413, 415, 422]) expect(isRetryable(s), String(s)).toBe(false);
  });

  it('keeps a visit pending on 5xx and on 401', async () => {
    const { queue, storage, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    server.failCreate = () => new ApiError(503, 'internal');
    await queue.flush('cadre');
    expect((await storage.all())[0]).toMatchObject({ state: 'pending', error: { status: 503 } });
    server.failCreate = () => new ApiError(401, 'unauthenticated');
    await queue.flush('cadre');
    expect((await storage.all())[0]).toMatchObject({ state: 'pending', error: { status: 401 } });
  });

  it('never sends a visit twice: concurrent flushes share the work, a sent visit leaves the queue', async () => {
    const { queue, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    await queue.enqueue({ owner: 'cadre', draft: draft('b'), household_name: '李四' });
    let open!: () => void;
    server.gate = new Promise<void>((resolve) => (open = resolve));
    const flushes = [queue.flush('cadre'), queue.flush('cadre'), queue.flush('cadre')];
    await Promise.resolve();
    open();
    const reports = await Promise.all(flushes);
    expect(server.creates).toEqual(['a', 'b']);
    expect(reports[0].sent).toEqual(['a', 'b']);
    expect(reports[1].sent).toEqual([]); // the follow-up flush found nothing left
    expect(reports[2]).toBe(reports[1]); // callers during a flush share one follow-up
    await queue.flush('cadre');
    expect(server.creates).toEqual(['a', 'b']);
  });

  it('counts "duplicate: true" as sent (the server had it already)', async () => {
    const { queue, storage, server } = setup();
    server.visits.set('a', { id: 7, draft: draft('a'), photos: 0 });
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    const report = await queue.flush('cadre');
    expect(report).toMatchObject({ sent: ['a'], duplicates: ['a'] });
    expect(await storage.all()).toEqual([]);
    expect(server.visits.size).toBe(1);
  });

  it('keeps a refused visit with the server message, does not resend it, until fixed or discarded', async () => {
    const { queue, storage, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    server.failCreate = refused;
    const report = await queue.flush('cadre');
    expect(report).toMatchObject({ rejected: ['a'], offline: false });
    const [kept] = await storage.all();
    expect(kept.state).toBe('rejected');
    expect(kept.stage).toBe('visit');
    expect(kept.error).toEqual({
      status: 400,
      code: 'invalid_argument',
      rule: 'visit.date',
      field: 'date',
      message: { zh: '走访日期不能晚于今天', en: 'the visit date is after today' },
    });

    server.failCreate = null;
    await queue.flush('cadre');
    expect(server.creates).toEqual(['a']); // a rejected visit waits for the user

    // The user fixes the date: the same client_id, pending again, sent.
    await queue.enqueue({ owner: 'cadre', draft: { ...draft('a'), date: '2020-10-19' }, household_name: '张三' });
    expect(queue.list()).toHaveLength(1);
    expect((await queue.flush('cadre')).sent).toEqual(['a']);
    expect(server.visits.get('a')?.draft.date).toBe('2020-10-19');

    // Another refused one is discarded by the user: gone, and only then.
    await queue.enqueue({ owner: 'cadre', draft: draft('b'), household_name: '李四' });
    server.failCreate = refused;
    await queue.flush('cadre');
    expect(queue.list().map((i) => i.state)).toEqual(['rejected']);
    await queue.discard('b');
    expect(await storage.all()).toEqual([]);
  });

  it('retry() makes a refused visit pending again', async () => {
    const { queue, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    server.failCreate = () => new ApiError(404, 'not_found');
    await queue.flush('cadre');
    expect(queue.list()[0].state).toBe('rejected');
    server.failCreate = null;
    await queue.retry('a');
    expect((await queue.flush('cadre')).sent).toEqual(['a']);
  });

  it('uploads photos after the visit is stored, and does not store the visit again when a photo waits', async () => {
    const { queue, storage, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三', photos: [photo(10), photo(20)] });
    server.failUpload = offline;
    const first = await queue.flush('cadre');
    expect(first.pending).toEqual(['a']);
    const [kept] = await storage.all();
    expect(kept).toMatchObject({ visit_id: 1, stage: 'photo', state: 'pending' });
    expect(kept.photos).toHaveLength(2);

    server.failUpload = null;
    expect((await queue.flush('cadre')).sent).toEqual(['a']);
    expect(server.creates).toEqual(['a']);
    expect(server.uploads.filter((u) => u.visitId === 1).map((u) => u.size)).toEqual([10, 10, 20]);
    expect(server.visits.get('a')?.photos).toBe(2);
    expect(await storage.all()).toEqual([]);
  });

  it('keeps a refused photo (e.g. too large) with its message; the visit itself is stored', async () => {
    const { queue, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三', photos: [photo()] });
    server.failUpload = () => new ApiError(413, 'invalid_argument', 'visit.photo_size', 'photo', { zh: '照片过大', en: 'photo too large' });
    expect((await queue.flush('cadre')).rejected).toEqual(['a']);
    const [kept] = queue.list();
    expect(kept).toMatchObject({ state: 'rejected', stage: 'photo', visit_id: 1, error: { message: { zh: '照片过大' } } });
    expect(server.visits.size).toBe(1);
  });

  it('stops at the first network failure and keeps the order', async () => {
    const { queue, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    await queue.enqueue({ owner: 'cadre', draft: draft('b'), household_name: '李四' });
    server.failCreate = offline;
    const report = await queue.flush('cadre');
    expect(report.pending).toEqual(['a', 'b']);
    expect(server.creates).toEqual(['a']);
    expect(queue.list().map((i) => i.client_id)).toEqual(['a', 'b']);
  });

  it("sends only the signed-in user's visits", async () => {
    const { queue, server } = setup();
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    await queue.enqueue({ owner: 'other', draft: draft('b'), household_name: '李四' });
    await queue.flush('cadre');
    expect(server.creates).toEqual(['a']);
    expect(queue.list().map((i) => i.owner)).toEqual(['other']);
  });

  it('survives a page load: a new queue over the same storage sends what the old one kept', async () => {
    const storage = new MemoryQueueStorage(true);
    const server = new FakeServer();
    const before = setup(storage, server);
    server.failCreate = offline;
    await before.queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三', photos: [photo()] });
    await before.queue.flush('cadre');

    server.failCreate = null;
    const after = setup(storage, server);
    expect((await after.queue.load()).map((i) => i.client_id)).toEqual(['a']);
    expect((await after.queue.flush('cadre')).sent).toEqual(['a']);
    expect(server.visits.size).toBe(1);
    expect(server.uploads).toHaveLength(1);
  });

  it('tells its listener about every change', async () => {
    const { queue, server, onChange } = setup();
    server.failCreate = offline;
    await queue.enqueue({ owner: 'cadre', draft: draft('a'), household_name: '张三' });
    expect(onChange).toHaveBeenLastCalledWith([expect.objectContaining({ client_id: 'a', state: 'pending' })]);
    server.failCreate = null;
    await queue.flush('cadre');
    expect(onChange).toHaveBeenLastCalledWith([]);
  });
});
