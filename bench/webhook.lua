-- wrk script: POSTs Encharge "Send Webhook" calls, {"id":"<contact uuid>"}, to WP Fusion's URL.
--
--   wrk -t T -c C -d S --latency -s webhook.lua http://127.0.0.1:18080 -- \
--       ACTION IDS_FILE ACCESS_KEY [cycle|once] [T]
--
-- Thread k of T (pass the same T as wrk's -t) sends lines k, k+T, k+2T, ... of IDS_FILE.
--   cycle: wraps around at the end of the file (update, update_tags, add of existing contacts)
--   once:  each id at most once; a thread that runs out of ids wraps around too, and the
--          'wrapped' count says how many requests were not first-time ids (add of new contacts)
-- A response counts as OK only when it is 2xx AND its JSON says "success":true.
-- done() prints one line starting with BENCH that bench/run.sh parses.

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

local ids = {}
local count, sent, stride = 0, 0, 1
local mode = "cycle"
-- per-thread counters, read by done() through thread:get
non2xx, not_success, created, wrapped = 0, 0, 0, 0
first_failure = nil

function init(args)
  local action, ids_file, access_key = args[1], args[2], args[3]
  assert(action and ids_file and access_key, "usage: -- ACTION IDS_FILE ACCESS_KEY [cycle|once] [THREADS]")
  mode = args[4] or "cycle"
  stride = math.max(1, tonumber(args[5] or "1") or 1)
  for line in io.lines(ids_file) do
    if line ~= "" then
      count = count + 1
      ids[count] = line
    end
  end
  assert(count > 0, "no ids in " .. ids_file)
  wrk.method = "POST"
  wrk.path = "/?wpf_action=" .. action .. "&access_key=" .. access_key
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local position = tid + sent * stride          -- 0-based line of IDS_FILE
  sent = sent + 1
  if position >= count then
    if mode == "once" then wrapped = wrapped + 1 end
    position = position % count
  end
  return wrk.format(nil, nil, nil, '{"id":"' .. ids[position + 1] .. '"}')
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_failure == nil then first_failure = status .. " " .. (body or "") end
  elseif not (body and body:find('"success"%s*:%s*true')) then
    not_success = not_success + 1
    if first_failure == nil then first_failure = status .. " " .. (body or "") end
  elseif body:find('"created"%s*:%s*true') then
    created = created + 1
  end
end

function done(summary, latency, requests)
  local t = { non2xx = 0, not_success = 0, created = 0, wrapped = 0 }
  local sample = ""
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do
      t[key] = t[key] + (thread:get(key) or 0)
    end
    local f = thread:get("first_failure")
    if f and sample == "" then sample = f end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx=%d not_success=%d created=%d wrapped=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, t.non2xx, t.not_success, t.created, t.wrapped,
    e.connect, e.read, e.write, e.timeout))
  if sample ~= "" then
    io.write("BENCH_SAMPLE_FAILURE " .. sample:gsub("[\r\n]", " "):sub(1, 300) .. "\n")
  end
end
