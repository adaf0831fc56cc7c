-- wrk reporter for bench/load.py: counts responses outside 2xx (or the expected status) in every wrk thread and prints one JSON line
-- with the totals and the latency percentiles (wrk's own summary counts only >= 400 as errors).
--
-- With BENCH_UNIQUE=1 every request gets its own query string (`&n=<thread>-<count>`), so none is answered from
-- the page cache: that measures the work behind a page, e.g. a search nobody has made before.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("id", #threads)
end

if os.getenv("BENCH_UNIQUE") == "1" then
    local count = 0
    local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
    function request()
        count = count + 1
        return wrk.format(nil, wrk.path .. separator .. "n=" .. id .. "-" .. count)
    end
end

function init(args)
    non2xx = 0
end

-- BENCH_EXPECT=302: a redirect is the answer expected (the permanent /indikator/<code>/ address).
local expected = tonumber(os.getenv("BENCH_EXPECT") or "0")

function response(status, headers, body)
    if (status < 200 or status > 299) and status ~= expected then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local non2xx_total = 0
    for _, thread in ipairs(threads) do
        non2xx_total = non2xx_total + thread:get("non2xx")
    end
    local errors = summary.errors
    io.write(string.format(
        'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "non2xx": %d, "socket_errors": %d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), non2xx_total,
        errors.connect + errors.read + errors.write + errors.timeout
    ))
end
