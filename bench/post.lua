-- wrk script: POSTs the file $EYE_BENCH_BODY with the key $EYE_BENCH_KEY, and prints one line
-- "BENCH {json}" with throughput and latency percentiles (milliseconds) when done.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("EYE_BENCH_KEY") or "none")
local file = assert(io.open(os.getenv("EYE_BENCH_BODY"), "r"))
wrk.body = file:read("*a")
file:close()

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"seconds":%.3f,"requests_per_s":%.1f,"non_2xx":%d,"socket_errors":%d,' ..
    '"p50_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, seconds, summary.requests / seconds, e.status,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
