// 党组织 Party organizations — village branches 村党支部, industry party committees
// 产业党委, and the temporary party organizations 临时党组织 of a campaign — with the
// "weak and lax" 软弱涣散 flag and its "4+N" rectification 整顿: 1 county leader
// liaison, 1 guiding county department, 1 town committee member stationed in the
// village, 1 village-stationed cadre doing the work, + N others; progress in percent
// and closure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/vocabulary.hpp"
#include "store/store.hpp"

namespace fupin::command {

enum class PartyOrgKind : uint8_t { kVillageBranch, kIndustryCommittee, kTemporary };

/// Where a weak and lax organization stands: not weak, weak without a
/// rectification, under rectification, rectified (its rectification closed).
enum class RectificationState : uint8_t { kNotWeak, kNotStarted, kInProgress, kRectified };

struct PartyOrgStatus {
  store::PartyOrgRow org;
  RectificationState state = RectificationState::kNotWeak;
  std::optional<store::RectificationRow> rectification;  // the latest one
};

/// Organizations within `within` with their rectification state.
Result<std::vector<PartyOrgStatus>> PartyOrgStatuses(store::Store& store, RegionCode within);

/// Opens a "4+N" rectification of a weak and lax organization. Checks: the
/// organization exists (rectification.org_unknown) and is flagged weak and lax
/// (rectification.not_weak) with no open rectification (rectification.open_exists);
/// the liaison is a county leader (rectification.liaison_level), the guiding unit a
/// county department (rectification.unit_kind); every cadre exists and is in office
/// on the opening day (cadre.unknown, cadre.inactive); progress 0.
Result<store::RectificationRow> OpenRectification(store::Store& store, store::RectificationRow row,
                                                  const store::ChangeContext& context);

/// Records progress (0–100, never going back: rectification.progress) on an open
/// rectification (rectification.closed) at the stored `version`.
Result<store::RectificationRow> RecordRectificationProgress(store::Store& store, int64_t id, int64_t version,
                                                            int progress, const std::string& note,
                                                            const store::ChangeContext& context);

/// Closes a rectification on `day`; it must be at 100% (rectification.incomplete).
Result<store::RectificationRow> CloseRectification(store::Store& store, int64_t id, int64_t version, Date day,
                                                   const std::string& note,
                                                   const store::ChangeContext& context);

}  // namespace fupin::command

namespace fupin {
template <>
std::span<const Term> TermsOf<command::PartyOrgKind>();
template <>
std::span<const Term> TermsOf<command::RectificationState>();
}  // namespace fupin
