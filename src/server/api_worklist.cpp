// Routes: work lists 工作清单 (tasks, their commitment, progress and completion, the
// dashboard summary) and meetings 会议 (cadences, occurrences, recording a held
// meeting). A task or meeting is visible when its region — the town, or the
// assignee unit's region, or the meeting's county or town — lies within the user's
// scope; outside it answers 404. Escalation is computed on Impl::Today().
#include <fmt/format.h>

#include <algorithm>

#include "meetings/meeting.hpp"
#include "server/server_impl.hpp"
#include "worklist/work_list.hpp"

namespace fupin::server {
namespace {

worklist::Actor ActorOf(const Request& req) {
  const accounts::User& u = *req.user;
  return {"user:" + u.username, u.display_name.empty() ? u.username : u.display_name, "web", req.ip, true};
}

Result<int64_t> IdParam(const Request& req, const std::string& name) {
  const std::string& text = req.path_params.at(name);
  try {
    size_t used = 0;
    const int64_t id = std::stoll(text, &used);
    if (used == text.size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  return Status::NotFound(name, {fmt::format("找不到编号为 {} 的记录，或不在您的管辖范围内", text),
                                 fmt::format("no record {}, or outside your scope", text)});
}

Result<int64_t> ExpectedVersion(const nlohmann::json& body) {
  if (!body.contains("expected_version") || !body["expected_version"].is_number_integer()) {
    return Status::Invalid(
        "expected_version", "request.expected_version",
        {"修改须带上读取时的版本号 expected_version", "a change must carry expected_version"});
  }
  return body["expected_version"].get<int64_t>();
}

std::string Text(const nlohmann::json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : "";
}

template <typename E>
Result<std::optional<E>> TermQuery(const Request& req, const std::string& name) {
  const std::string v = req.Query(name);
  if (v.empty()) return std::optional<E>();
  auto parsed = ParseTerm<E>(v);
  if (!parsed) {
    return Status::Invalid(name, "query.term",
                           {fmt::format("参数 {} 的值“{}”无效", name, v),
                            fmt::format("query parameter {} has an invalid value \"{}\"", name, v)});
  }
  return std::optional<E>(*parsed);
}

Result<std::string> DateQuery(const Request& req, const std::string& name) {
  const std::string v = req.Query(name);
  if (v.empty()) return v;
  auto d = Date::Parse(v);
  if (!d.ok()) {
    return Status::Invalid(
        name, "query.date",
        {fmt::format("参数 {} 的值“{}”不是有效日期（YYYY-MM-DD）", name, v),
         fmt::format("query parameter {} is not a valid date (YYYY-MM-DD): \"{}\"", name, v)});
  }
  return d->ToString();
}

struct Page {
  int page = 1;
  int size = 50;
};

Page PageOf(const Request& req) {
  return {std::max(1, req.QueryInt("page", 1)), std::clamp(req.QueryInt("page_size", 50), 1, 500)};
}

template <typename T, typename F>
nlohmann::json Paginated(const std::vector<T>& rows, const Page& p, F&& to_json) {
  nlohmann::json items = nlohmann::json::array();
  const size_t first = static_cast<size_t>(p.page - 1) * static_cast<size_t>(p.size);
  for (size_t i = first; i < rows.size() && i < first + static_cast<size_t>(p.size); ++i) {
    items.push_back(to_json(rows[i]));
  }
  return {{"items", items}, {"total", rows.size()}, {"page", p.page}, {"page_size", p.size}};
}

}  // namespace

void Server::Impl::AddWorkListRoutes() {
  // The region a list reads: the user's scope, or `region` within it.
  auto region_of = [this](const Request& req) -> Result<RegionCode> {
    const std::string text = req.Query("region");
    if (text.empty()) return req.user->scope;
    FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(text));
    FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
    return code;
  };
  auto visible_task = [this](const Request& req, store::Store& s) -> Result<worklist::TaskView> {
    FUPIN_ASSIGN_OR_RETURN(int64_t id, IdParam(req, "id"));
    FUPIN_ASSIGN_OR_RETURN(auto view, worklist::FindTaskView(s, policy, id, Today()));
    if (!view || !view->task.region.IsWithin(req.user->scope))
      return NotInScope(fmt::format("任务/task {}", id));
    return *view;
  };
  auto task_reply = [this](store::Store& s, int64_t id) -> Result<Response> {
    FUPIN_ASSIGN_OR_RETURN(auto view, worklist::FindTaskView(s, policy, id, Today()));
    if (!view) return NotInScope(fmt::format("任务/task {}", id));
    return Response::Ok(worklist::TaskToJson(*view, true));
  };

  routes.push_back(
      {"GET",
       "/tasks",
       "work-list tasks in scope, most urgent first (paginated)",
       Access::kSession,
       [this, region_of](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
         worklist::TaskQuery q;
         FUPIN_ASSIGN_OR_RETURN(q.within, region_of(req));
         q.assignee_id = req.Query("assignee");
         FUPIN_ASSIGN_OR_RETURN(q.status, TermQuery<worklist::TaskStatus>(req, "status"));
         FUPIN_ASSIGN_OR_RETURN(q.escalation, TermQuery<worklist::EscalationLevel>(req, "escalation"));
         q.period = req.Query("period");
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto views, worklist::ListTaskViews(*s, policy, q, Today()));
         return Response::Ok(Paginated(
             views, PageOf(req), [](const worklist::TaskView& v) { return worklist::TaskToJson(v, false); }));
       },
       {"region", "assignee", "status", "escalation", "period", "page", "page_size"}});

  routes.push_back({"GET", "/tasks/summary/{code}", "task counts by escalation for the dashboard",
                    Access::kSession, [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      FUPIN_ASSIGN_OR_RETURN(RegionCode code, RegionCode::Parse(req.path_params["code"]));
                      FUPIN_RETURN_IF_ERROR(RequireRegion(*req.user, code));
                      auto s = pool->Borrow();
                      worklist::TaskQuery q;
                      q.within = code;
                      const Date today = Today();
                      FUPIN_ASSIGN_OR_RETURN(auto views, worklist::ListTaskViews(*s, policy, q, today));
                      const worklist::TaskSummary t = worklist::Summarize(views);
                      return Response::Ok({{"today", today.ToString()},
                                           {"total", t.total},
                                           {"done", t.done},
                                           {"open", t.open},
                                           {"due_soon", t.due_soon},
                                           {"overdue", t.overdue},
                                           {"overdue_week", t.overdue_week}});
                    }});

  routes.push_back({"GET", "/tasks/{id}", "one task with its progress updates", Access::kSession,
                    [this, visible_task](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto view, visible_task(req, *s));
                      return Response::Ok(worklist::TaskToJson(view, true));
                    }});

  routes.push_back(
      {"POST", "/tasks",
       "issue a task: {title, description, assignee_type, assignee_id, period_kind, period, deadline, "
       "campaign_id?}",
       Access::kSession, [this, task_reply](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kManageTasks));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         worklist::TaskDraft draft;
         draft.title = Text(body, "title");
         draft.description = Text(body, "description");
         draft.campaign_id = Text(body, "campaign_id");
         draft.issued_by = req.user->display_name.empty() ? req.user->username : req.user->display_name;
         draft.issued_on = Today().ToString();
         draft.assignee_type = Text(body, "assignee_type");
         draft.assignee_id = Text(body, "assignee_id");
         draft.period_kind = Text(body, "period_kind");
         draft.period = Text(body, "period");
         draft.deadline = Text(body, "deadline");
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(worklist::Task row, worklist::CheckDraft(*s, draft));
         if (!row.region.IsWithin(req.user->scope)) return NotInScope(row.assignee_id);
         FUPIN_ASSIGN_OR_RETURN(worklist::Task written, worklist::WriteNewTask(*s, row, ActorOf(req)));
         FUPIN_ASSIGN_OR_RETURN(Response r, task_reply(*s, written.id));
         r.status = 201;
         return r;
       }});

  routes.push_back(
      {"POST", "/tasks/{id}/commitment", "the assignee's commitment: {commitment, expected_version}",
       Access::kSession, [this, visible_task, task_reply](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kUpdateTask));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto view, visible_task(req, *s));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         FUPIN_ASSIGN_OR_RETURN(int64_t version, ExpectedVersion(body));
         FUPIN_RETURN_IF_ERROR(worklist::SetCommitment(*s, view.task.id, version, Text(body, "commitment"),
                                                       Today(), ActorOf(req))
                                   .status());
         return task_reply(*s, view.task.id);
       }});

  routes.push_back(
      {"POST", "/tasks/{id}/updates", "a progress update: {date, progress, note, evidence, expected_version}",
       Access::kSession, [this, visible_task, task_reply](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kUpdateTask));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto view, visible_task(req, *s));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         FUPIN_ASSIGN_OR_RETURN(int64_t version, ExpectedVersion(body));
         if (!body.contains("progress") || !body["progress"].is_number_integer()) {
           return Status::Invalid(
               "progress", "task.progress",
               {"进度 progress 须为 0–100 的整数", "progress must be an integer from 0 to 100"});
         }
         store::TaskUpdateRow update;
         update.date = body.contains("date") ? Text(body, "date") : Today().ToString();
         update.progress = body["progress"].get<int64_t>();
         update.note = Text(body, "note");
         update.evidence = Text(body, "evidence");
         FUPIN_RETURN_IF_ERROR(
             worklist::RecordProgress(*s, view.task.id, version, update, Today(), ActorOf(req)).status());
         return task_reply(*s, view.task.id);
       }});

  routes.push_back(
      {"POST", "/tasks/{id}/complete", "complete (销号): {date, note, expected_version}", Access::kSession,
       [this, visible_task, task_reply](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kUpdateTask));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto view, visible_task(req, *s));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         FUPIN_ASSIGN_OR_RETURN(int64_t version, ExpectedVersion(body));
         const std::string date_text = body.contains("date") ? Text(body, "date") : Today().ToString();
         auto day = Date::Parse(date_text);
         if (!day.ok()) {
           return Status::Invalid(
               "date", "task.update_date",
               {fmt::format("完成日期“{}”不是有效日期（YYYY-MM-DD）", date_text),
                fmt::format("completion date \"{}\" is not a valid date (YYYY-MM-DD)", date_text)});
         }
         FUPIN_RETURN_IF_ERROR(worklist::CompleteTask(*s, view.task.id, version, *day, Text(body, "note"),
                                                      Today(), ActorOf(req))
                                   .status());
         return task_reply(*s, view.task.id);
       }});

  // --- Meetings ---
  auto visible_meeting = [this](const Request& req, store::Store& s) -> Result<meetings::MeetingView> {
    FUPIN_ASSIGN_OR_RETURN(int64_t id, IdParam(req, "id"));
    FUPIN_ASSIGN_OR_RETURN(auto view, meetings::FindMeetingView(s, id));
    if (!view || !view->meeting.region.IsWithin(req.user->scope))
      return NotInScope(fmt::format("会议/meeting {}", id));
    return *view;
  };

  routes.push_back({"GET",
                    "/meetings",
                    "meetings in scope by date (paginated; attendance counts only)",
                    Access::kSession,
                    [this, region_of](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      store::MeetingFilter f;
                      FUPIN_ASSIGN_OR_RETURN(f.within, region_of(req));
                      FUPIN_ASSIGN_OR_RETURN(f.from, DateQuery(req, "from"));
                      FUPIN_ASSIGN_OR_RETURN(f.to, DateQuery(req, "to"));
                      FUPIN_ASSIGN_OR_RETURN(auto kind, TermQuery<meetings::MeetingKind>(req, "kind"));
                      if (kind) f.kind = std::string(TermOf(*kind).code);
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto views, meetings::ListMeetingViews(*s, f));
                      return Response::Ok(Paginated(views, PageOf(req), [](const meetings::MeetingView& v) {
                        return meetings::MeetingToJson(v, false);
                      }));
                    },
                    {"region", "from", "to", "kind", "page", "page_size"}});

  routes.push_back({"GET", "/meetings/{id}", "one meeting with attendance, minutes and decisions",
                    Access::kSession, [this, visible_meeting](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto view, visible_meeting(req, *s));
                      return Response::Ok(meetings::MeetingToJson(view, true));
                    }});

  routes.push_back({"GET", "/meeting-cadences", "the meeting cadences in scope", Access::kSession,
                    [this](Request& req) -> Result<Response> {
                      FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kReadRegistry));
                      auto s = pool->Borrow();
                      FUPIN_ASSIGN_OR_RETURN(auto items, meetings::CadencesJson(*s, req.user->scope));
                      return Response::Ok({{"items", items}});
                    }});

  routes.push_back(
      {"POST", "/meetings/{id}/record",
       "record a held meeting: {agenda, present, minutes, decisions:[{text, task?}], expected_version}",
       Access::kSession, [this, visible_meeting](Request& req) -> Result<Response> {
         FUPIN_RETURN_IF_ERROR(Require(*req.user, accounts::Permission::kRecordMeeting));
         auto s = pool->Borrow();
         FUPIN_ASSIGN_OR_RETURN(auto view, visible_meeting(req, *s));
         FUPIN_ASSIGN_OR_RETURN(auto body, req.Json());
         meetings::MeetingRecord record;
         FUPIN_ASSIGN_OR_RETURN(record.expected_version, ExpectedVersion(body));
         record.agenda = Text(body, "agenda");
         record.minutes = Text(body, "minutes");
         if (body.contains("present") && body["present"].is_array()) {
           for (const auto& p : body["present"]) {
             if (p.is_string()) record.present.push_back(p.get<std::string>());
           }
         }
         if (body.contains("decisions") && body["decisions"].is_array()) {
           for (const auto& d : body["decisions"]) {
             if (!d.is_object()) continue;
             meetings::DecisionInput in;
             in.text = Text(d, "text");
             if (d.contains("task") && d["task"].is_object()) {
               const auto& t = d["task"];
               worklist::TaskDraft draft;
               draft.title = Text(t, "title");
               draft.description = Text(t, "description");
               draft.assignee_type = Text(t, "assignee_type");
               draft.assignee_id = Text(t, "assignee_id");
               draft.deadline = Text(t, "deadline");
               draft.period_kind = Text(t, "period_kind");
               draft.period = Text(t, "period");
               in.task = draft;
             }
             record.decisions.push_back(std::move(in));
           }
         }
         FUPIN_RETURN_IF_ERROR(
             meetings::RecordMeeting(*s, view.meeting.id, record, Today(), ActorOf(req)).status());
         FUPIN_ASSIGN_OR_RETURN(auto after, meetings::FindMeetingView(*s, view.meeting.id));
         if (!after) return NotInScope(fmt::format("会议/meeting {}", view.meeting.id));
         return Response::Ok(meetings::MeetingToJson(*after, true));
       }});
}

}  // namespace fupin::server
