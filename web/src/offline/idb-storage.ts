// The visit queue's storage in the browser: IndexedDB (database "fupin-offline",
// object store "visits", key client_id).
//
// Why IndexedDB and not localStorage: the queue holds photos. IndexedDB stores a Blob
// as it is (no copy into a string), its quota is a share of the disk (hundreds of MB on
// a phone) and writes are transactional; localStorage would need every photo as base64
// (a third larger), is capped at about 5 MB per site — two phone photos — and blocks
// the page on every write. The few lines of plain IndexedDB below need no library.
// Where IndexedDB cannot be opened (some private-browsing modes) the queue falls back
// to memory and says so (`persistent: false`): the page then warns that queued visits
// are lost if the page is closed before they are sent.
import { MemoryQueueStorage, type QueuedVisit, type QueueStorage } from './visit-queue';

const DB_NAME = 'fupin-offline';
const STORE = 'visits';
const VERSION = 1;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'client_id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

export class IdbQueueStorage implements QueueStorage {
  readonly persistent = true;
  constructor(private readonly db: IDBDatabase) {}

  private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = this.db.transaction(STORE, mode);
    const result = promised(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  }

  all(): Promise<QueuedVisit[]> {
    return this.run('readonly', (s) => s.getAll() as IDBRequest<QueuedVisit[]>);
  }

  async put(item: QueuedVisit): Promise<void> {
    await this.run('readwrite', (s) => s.put(item));
  }

  async delete(clientId: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(clientId));
  }
}

/** IndexedDB when it opens, else memory (persistent: false). */
export async function openQueueStorage(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<QueueStorage> {
  if (!factory) return new MemoryQueueStorage(false);
  try {
    return new IdbQueueStorage(await openDatabase(factory));
  } catch {
    return new MemoryQueueStorage(false);
  }
}
