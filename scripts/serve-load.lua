-- serve-load.lua: wrk's requests for scripts/serve-load: the search of
-- each benchmark query in turn (the file $SERVE_LOAD_PATHS, one URL path a
-- line), each wrk thread stopping after $SERVE_LOAD_EACH responses; a
-- response other than 200 is counted and said at the end.
local paths, each = {}, tonumber(os.getenv("SERVE_LOAD_EACH") or "100")
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   for line in io.lines(os.getenv("SERVE_LOAD_PATHS")) do
      table.insert(paths, line)
   end
   i = math.random(#paths)
   n, bad = 0, 0
   limit = each
end

function request()
   i = i % #paths + 1
   return wrk.format("GET", paths[i])
end

function response(status, headers, body)
   n = n + 1
   if status ~= 200 then bad = bad + 1 end
   if n >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
   local total_bad = 0
   for _, t in ipairs(threads) do total_bad = total_bad + (t:get("bad") or 0) end
   io.write(string.format("requests %d, errors (not 200) %d\n",
                          summary.requests, total_bad))
   io.write(string.format("latency median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                          latency:percentile(50) / 1000, latency:percentile(90) / 1000,
                          latency:percentile(99) / 1000, latency.max / 1000))
end
