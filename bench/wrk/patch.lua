-- wrk script: PATCH one household per thread, carrying the version from each answer.
-- FUPIN_COOKIE, FUPIN_CSRF and FUPIN_HOUSEHOLDS (comma-separated ids at version 1) come from the environment.
local ids = {}
for id in string.gmatch(os.getenv("FUPIN_HOUSEHOLDS") or "", "[^,]+") do ids[#ids + 1] = id end
local n = 0
function setup(thread)
  n = n + 1
  thread:set("hid", ids[n])
end
function init(args)
  version = 1
end
function request()
  local body = string.format('{"phone":"139%08d","expected_version":%d}', math.random(0, 99999999), version)
  return wrk.format("PATCH", "/api/v1/households/" .. hid, {["Content-Type"] = "application/json", ["Cookie"] = os.getenv("FUPIN_COOKIE"), ["X-CSRF-Token"] = os.getenv("FUPIN_CSRF")}, body)
end
function response(status, headers, body)
  local v = body:match('"version":(%d+)')
  if v then version = tonumber(v) end
end
