// Status and Result<T>: expected failures as values.
//
// Every failure a user can see carries a machine code, the field at fault, the rule
// that failed and a message in Chinese and English. Callers propagate with
// FUPIN_RETURN_IF_ERROR / FUPIN_ASSIGN_OR_RETURN; exceptions are reserved for broken
// invariants. Status and Result are value types and not thread-safe to mutate.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace fupin {

/// Language of user-facing text. Chinese first.
enum class Lang { kZh, kEn };

/// A user-visible text in both languages.
struct Message {
  std::string zh;
  std::string en;

  const std::string& In(Lang lang) const { return lang == Lang::kZh ? zh : en; }
  bool operator==(const Message&) const = default;
};

enum class StatusCode {
  kOk,
  kInvalidArgument,     // bad input: a value, a row, a file
  kNotFound,            // a record that does not exist (or is outside the caller's scope)
  kAlreadyExists,       // a unique key already taken
  kConflict,            // stale version or contradictory data
  kPermissionDenied,    // the caller may not do this
  kFailedPrecondition,  // the record is not in a state that allows this step
  kUnavailable,         // a resource (file, database) cannot be reached now
  kUnauthenticated,     // no valid session or wrong credentials
  kTooManyRequests,     // a rate or throttle limit was hit
  kInternal,            // a broken invariant or an unexpected library failure
};

/// Stable machine name of a code, e.g. "invalid_argument".
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  /// An ok status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status Invalid(std::string field, std::string rule, Message message) {
    return Status(StatusCode::kInvalidArgument, std::move(field), std::move(rule), std::move(message));
  }
  static Status NotFound(std::string field, Message message) {
    return Status(StatusCode::kNotFound, std::move(field), "not_found", std::move(message));
  }
  static Status AlreadyExists(std::string field, Message message) {
    return Status(StatusCode::kAlreadyExists, std::move(field), "already_exists", std::move(message));
  }
  static Status Conflict(std::string field, std::string rule, Message message) {
    return Status(StatusCode::kConflict, std::move(field), std::move(rule), std::move(message));
  }
  static Status PermissionDenied(Message message) {
    return Status(StatusCode::kPermissionDenied, "", "permission", std::move(message));
  }
  static Status FailedPrecondition(std::string field, std::string rule, Message message) {
    return Status(StatusCode::kFailedPrecondition, std::move(field), std::move(rule), std::move(message));
  }
  static Status Unavailable(Message message) {
    return Status(StatusCode::kUnavailable, "", "unavailable", std::move(message));
  }
  static Status Unauthenticated(std::string rule, Message message) {
    return Status(StatusCode::kUnauthenticated, "", std::move(rule), std::move(message));
  }
  static Status TooManyRequests(std::string rule, Message message) {
    return Status(StatusCode::kTooManyRequests, "", std::move(rule), std::move(message));
  }
  static Status Internal(Message message) {
    return Status(StatusCode::kInternal, "", "internal", std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  /// The field at fault, e.g. "id_number"; empty when no single field is.
  const std::string& field() const { return field_; }
  /// The rule that failed, a stable dotted name, e.g. "id.check_char".
  const std::string& rule() const { return rule_; }
  const Message& message() const { return message_; }

  /// "code: message" in one language, for logs and the CLI.
  std::string ToString(Lang lang = Lang::kZh) const;

  bool operator==(const Status&) const = default;

 private:
  Status(StatusCode code, std::string field, std::string rule, Message message)
      : code_(code), field_(std::move(field)), rule_(std::move(rule)), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string rule_;
  Message message_;
};

/// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  /// The failure; an ok Status when the result holds a value.
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace fupin

#define FUPIN_CONCAT_INNER_(a, b) a##b
#define FUPIN_CONCAT_(a, b) FUPIN_CONCAT_INNER_(a, b)

#define FUPIN_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::fupin::Status fupin_status_ = (expr);        \
    if (!fupin_status_.ok()) return fupin_status_; \
  } while (false)

#define FUPIN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

#define FUPIN_ASSIGN_OR_RETURN(lhs, expr) \
  FUPIN_ASSIGN_OR_RETURN_IMPL_(FUPIN_CONCAT_(fupin_result_, __LINE__), lhs, expr)
