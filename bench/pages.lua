-- wrk script for bench/pages.sh: each request carries the next learner's session from the file
-- $TOKENS (one token a line), as the session cookie or, with AUTH=bearer, as a bearer token, so
-- the server sees many signed-in learners rather than one.
local tokens = {}
local next_index = 0
local bearer = os.getenv("AUTH") == "bearer"

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
  next_index = math.random(#tokens)
end

function request()
  next_index = next_index % #tokens + 1
  local headers = {}
  if bearer then
    headers["Authorization"] = "Bearer " .. tokens[next_index]
  else
    headers["Cookie"] = "sidecarlab_session=" .. tokens[next_index]
  end
  return wrk.format(nil, nil, headers)
end
