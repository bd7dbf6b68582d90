// Reading policy files (TOML) into a Policy, and the built-in default policy.
//
// The format is described in policy/default.toml and docs/policy.md: `version = 1`
// at the top, then arrays of tables ([[poverty_line]], [[profile]], ...), each entry
// with `from`, optional `to` and `source`. Files that are malformed or contradict
// themselves are refused with a Status (code invalid_argument) whose field is the
// TOML key path (e.g. "poverty_line[2].yuan"), whose rule names the problem and whose
// message names the file and line in Chinese and English:
//   policy.syntax            TOML syntax error (line and column from the parser)
//   policy.version           missing or unknown `version`
//   policy.missing           a required key or section is absent
//   policy.type              a value of the wrong TOML type
//   policy.unknown_key       a key this version does not know (typos are refused)
//   policy.format            a malformed code or day, e.g. prefix "5A", age_on "8/31"
//   policy.range             a value out of range: poverty line <= 0, percent outside
//                            0–100, weekday outside 1–7, ...
//   policy.range_order       `to` before `from`
//   policy.overlap           two entries of one kind (and key) in force on one day
//   policy.bounds_order      collective-economy class bounds not increasing
//   policy.duplicate_province  a province in two region classes at once
//   policy.unknown_profile / policy.unknown_rule / policy.unknown_item /
//   policy.unknown_class / policy.missing_class   a dangling or missing reference
// The first problem found is reported.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/status.hpp"
#include "policy/policy.hpp"

namespace fupin::policy {

/// Parses and validates a policy file's text. `source_name` names the file in
/// messages and becomes Policy::source_name.
Result<Policy> LoadPolicy(std::string_view toml_text, std::string_view source_name);

/// Reads and loads a policy file. A file that cannot be read gives not_found.
Result<Policy> LoadPolicyFile(const std::filesystem::path& path);

/// The text of policy/default.toml as built into this binary (byte for byte).
std::string_view DefaultPolicyText();

/// The built-in default policy, loaded once on first use (thread-safe). The build
/// tests that it loads; a failure here is a broken build and aborts.
const Policy& DefaultPolicy();

}  // namespace fupin::policy
