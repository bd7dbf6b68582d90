// 工作清单 and 会议: tasks issued by the HQ with their commitment, progress and
// escalation, and the meetings of the cadences with attendance, minutes and the
// decisions that become tasks (notes/api-contract.md "Work lists and meetings").
import { http, type RequestOptions } from './client';
import type {
  Escalation,
  Meeting,
  MeetingCadence,
  MeetingPerson,
  NewTask,
  Page,
  RecordMeetingRequest,
  Task,
  TaskFilters,
  TaskSummary,
} from './types';
import { arr, id, labels, num, obj, page, type Raw, regionRef, str, term } from './normalize';

const ESCALATIONS: readonly Escalation[] = ['none', 'due_soon', 'overdue', 'overdue_week', 'done'];

export function normalizeTask(raw: Raw): Task {
  const assignee = obj(raw.assignee);
  const period = obj(raw.period);
  const escalation = str(raw.escalation) as Escalation;
  return {
    id: id(raw.id),
    title: str(raw.title),
    description: str(raw.description),
    campaign_id: raw.campaign_id === null || raw.campaign_id === undefined ? null : id(raw.campaign_id),
    issued_by: str(raw.issued_by),
    issued_on: str(raw.issued_on),
    assignee: { type: str(assignee.type) === 'town' ? 'town' : 'unit', id: id(assignee.id), name: str(assignee.name) },
    period: { kind: (str(period.kind) || 'month') as Task['period']['kind'], label: str(period.label) },
    deadline: str(raw.deadline),
    commitment: str(raw.commitment),
    committed_on: str(raw.committed_on),
    progress: num(raw.progress),
    status: str(raw.status) === 'done' ? 'done' : 'open',
    completed_on: str(raw.completed_on),
    escalation: ESCALATIONS.includes(escalation) ? escalation : 'none',
    escalation_name: labels(raw, 'escalation'),
    days_to_deadline: num(raw.days_to_deadline),
    updates: arr(raw.updates).map((u) => {
      const r = obj(u);
      return { date: str(r.date), progress: num(r.progress), note: str(r.note), evidence: str(r.evidence), by: str(r.by) };
    }),
    source_meeting_id: raw.source_meeting_id === null || raw.source_meeting_id === undefined ? null : id(raw.source_meeting_id),
    version: num(raw.version),
  };
}

/** GET /tasks?… → tasks, most urgent first (paginated, without their updates). */
export async function listTasksApi(filters: TaskFilters, options: RequestOptions = {}): Promise<Page<Task>> {
  const raw = await http.get<unknown>('/tasks', { ...options, query: { ...filters } });
  return page(raw, normalizeTask);
}

/** GET /tasks/summary/{code} → counts by escalation for the dashboard. */
export async function getTaskSummaryApi(code: string, options: RequestOptions = {}): Promise<TaskSummary> {
  const r = obj(await http.get<Raw>(`/tasks/summary/${encodeURIComponent(code)}`, options));
  return {
    today: str(r.today),
    total: num(r.total),
    done: num(r.done),
    open: num(r.open),
    due_soon: num(r.due_soon),
    overdue: num(r.overdue),
    overdue_week: num(r.overdue_week),
  };
}

/** GET /tasks/{id} → the task with its updates. */
export async function getTaskApi(taskId: number | string, options: RequestOptions = {}): Promise<Task> {
  return normalizeTask(obj(await http.get<Raw>(`/tasks/${encodeURIComponent(String(taskId))}`, options)));
}

/** POST /tasks → the new task. */
export async function createTaskApi(task: NewTask): Promise<Task> {
  return normalizeTask(obj(await http.post<Raw>('/tasks', task)));
}

/** POST /tasks/{id}/commitment → the task with the unit's commitment. */
export async function commitTaskApi(taskId: number | string, commitment: string, expectedVersion: number): Promise<Task> {
  return normalizeTask(
    obj(await http.post<Raw>(`/tasks/${encodeURIComponent(String(taskId))}/commitment`, { commitment, expected_version: expectedVersion })),
  );
}

/** POST /tasks/{id}/updates → the task with one more progress update. */
export async function updateTaskApi(
  taskId: number | string,
  update: { date: string; progress: number; note: string; evidence: string },
  expectedVersion: number,
): Promise<Task> {
  return normalizeTask(
    obj(await http.post<Raw>(`/tasks/${encodeURIComponent(String(taskId))}/updates`, { ...update, expected_version: expectedVersion })),
  );
}

/** POST /tasks/{id}/complete → the task, done. */
export async function completeTaskApi(taskId: number | string, date: string, note: string, expectedVersion: number): Promise<Task> {
  return normalizeTask(
    obj(await http.post<Raw>(`/tasks/${encodeURIComponent(String(taskId))}/complete`, { date, note, expected_version: expectedVersion })),
  );
}

function people(value: unknown): MeetingPerson[] {
  return arr(value).map((p) => {
    const r = obj(p);
    return { cadre_id: id(r.cadre_id ?? r.id), name: str(r.name) };
  });
}

export function normalizeMeeting(raw: Raw): Meeting {
  const attendance = obj(raw.attendance);
  const expected = attendance.expected;
  const present = attendance.present;
  const expectedList = people(expected);
  const presentList = people(present);
  return {
    id: id(raw.id),
    cadence_id: raw.cadence_id === null || raw.cadence_id === undefined ? null : id(raw.cadence_id),
    kind: term(raw, 'kind'),
    title: str(raw.title),
    date: str(raw.date),
    region: regionRef(raw.region),
    status: str(raw.status) === 'held' ? 'held' : 'scheduled',
    agenda: str(raw.agenda),
    attendance: { expected: expectedList, present: presentList, absent: people(attendance.absent) },
    expected_count: typeof expected === 'number' ? expected : expectedList.length,
    present_count: typeof present === 'number' ? present : presentList.length,
    minutes: str(raw.minutes),
    decisions: arr(raw.decisions).map((d, i) => {
      const r = obj(d);
      return { seq: num(r.seq, i + 1), text: str(r.text), task_id: r.task_id === null || r.task_id === undefined ? null : id(r.task_id) };
    }),
    version: num(raw.version),
  };
}

/** GET /meetings?region=&from=&to=&kind=&page= → meetings by date (attendance as counts). */
export async function listMeetingsApi(
  filters: { region?: string; from?: string; to?: string; kind?: string; page?: number; page_size?: number },
  options: RequestOptions = {},
): Promise<Page<Meeting>> {
  const raw = await http.get<unknown>('/meetings', { ...options, query: { ...filters } });
  return page(raw, normalizeMeeting);
}

/** GET /meetings/{id} → the meeting in full. */
export async function getMeetingApi(meetingId: number | string, options: RequestOptions = {}): Promise<Meeting> {
  return normalizeMeeting(obj(await http.get<Raw>(`/meetings/${encodeURIComponent(String(meetingId))}`, options)));
}

/** GET /meeting-cadences → the cadences with their rule and attendees. */
export async function listMeetingCadencesApi(options: RequestOptions = {}): Promise<MeetingCadence[]> {
  const raw = await http.get<unknown>('/meeting-cadences', options);
  return (Array.isArray(raw) ? raw : arr(obj(raw).items)).map((c) => {
    const r = obj(c);
    return {
      id: id(r.id),
      kind: term(r, 'kind'),
      name: str(r.name),
      region: str(obj(r.region).code ?? r.region) || str(r.region),
      from: str(r.from),
      to: str(r.to),
      rule: labels(r, 'rule') ?? { zh: '', en: '' },
      attendees: people(r.attendees),
    };
  });
}

/** POST /meetings/{id}/record → the meeting, held; decisions with a task create it. */
export async function recordMeetingApi(meetingId: number | string, body: RecordMeetingRequest): Promise<Meeting> {
  return normalizeMeeting(obj(await http.post<Raw>(`/meetings/${encodeURIComponent(String(meetingId))}/record`, body)));
}
