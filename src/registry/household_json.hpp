// JSON form of a household, used for history snapshots and `--json` output.
// Enum values are written as their stable English codes (see household.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "registry/household.hpp"

namespace fupin::registry {

enum class Masking { kMasked, kUnmasked };

/// The household and its members. With kMasked, ID and phone numbers are masked.
nlohmann::json HouseholdToJson(const Household& household, Masking masking);

/// The eight guarantee indicators as {"food": "yes", …}.
nlohmann::json GuaranteesToJson(const Guarantees& guarantees);
/// Reads back what HouseholdToJson(kUnmasked) wrote.
Result<Household> HouseholdFromJson(const nlohmann::json& json);

}  // namespace fupin::registry
