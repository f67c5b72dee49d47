-- wrk script for bench/pages.sh: each request carries the next learner's session from the file
-- $TOKENS (one token a line) as the session cookie, so the server sees many signed-in learners
-- rather than one. With POLL_MS set, each connection waits about that long (uniformly 0.5x to 1.5x, so connections do not march in step) before
-- its next request: a learner polling the page rather than a closed loop at full speed.
local tokens = {}
local poll_ms = tonumber(os.getenv("POLL_MS") or "")
local next_index = 0

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
  next_index = math.random(#tokens)
end

function request()
  next_index = next_index % #tokens + 1
  return wrk.format(nil, nil, { ["Cookie"] = "sidecarlab_session=" .. tokens[next_index] })
end

if poll_ms then
  function delay()
    return math.floor(poll_ms * (0.5 + math.random()))
  end
end
