-- bench.lua - the wrk script of tools/bench.sh: every request is the next
-- line of a file, so a run can post as a different student each time and
-- never as the same one twice.
--
--   wrk -t T ... -s bench.lua URL -- FILE MODE RATE T [SECONDS]
--
-- FILE   one request a line: METHOD TAB PATH TAB COOKIE TAB BODY (BODY,
--        form-encoded, for a POST). Thread k of T takes lines k+1, k+1+T,
--        k+1+2T...: no two threads share a line.
-- MODE   "once": a thread that has sent all its lines stops (hc-dry says
--        how many did), so no line is sent twice in a run; "cycle": it
--        starts over (hc-wrapped counts the lines sent again).
-- RATE   requests per second over the whole run, 0 for as fast as the
--        connections go. Paced runs need `delay = hc_delay` appended (wrk
--        asks delay() before each request only when the script has one,
--        and an unpaced run should not pay for the timer). A paced run
--        ends quietly: no request is sent after the lines ran out (once)
--        or after SECONDS (cycle), so with wrk's -d a little longer
--        nothing is in flight when wrk stops; an unpaced one ends with
--        up to one request a connection abandoned.
-- T      wrk's threads (-t).
--
-- With `response = hc_response` appended, the statuses wrk received are
-- counted (wrk itself counts every 3xx as a success) and printed at the
-- end as "hc-status 200=N 303=M ...", with "hc-dry N", "hc-wrapped N"
-- "hc-span-ms N" and "hc-sent N" (the lines sent).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } hc_timespec;
int clock_gettime(int clk, hc_timespec *ts);
]]
local ts = ffi.new("hc_timespec")
local function now_ms()
	ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
	return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

-- The main state: one entry a thread, read back by done().
local threads = {}
local made = 0
function setup(thread)
	thread:set("tid", made)
	made = made + 1
	table.insert(threads, thread)
end

-- A thread's state. Globals, so that done() can read them.
hc_status, hc_dry, hc_wrapped, hc_sent, hc_t0, hc_last = {}, 0, 0, 0, nil, nil
local reqs, n, sent, cycle = {}, 0, 0, false
local interval, reserved, stop_ms = 0, 0, 0
local QUIET = 3600 * 1000 -- "wait an hour": the run ends first

function init(args)
	local file, mode = args[1], args[2]
	local rate, nthr = tonumber(args[3]), tonumber(args[4])
	stop_ms = 1000 * (tonumber(args[5]) or 0)
	local k = 0

	if file == nil or rate == nil or nthr == nil then
		error("bench.lua: want -- FILE MODE RATE THREADS")
	end
	cycle = (mode == "cycle")
	for line in io.lines(file) do
		if k % nthr == tid then
			local method, path, cookie, body = line:match("^([A-Z]+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
			if method == nil then
				error("bench.lua: " .. file .. ": bad line " .. (k + 1))
			end
			local headers = {}
			if cookie ~= "" then headers["Cookie"] = cookie end
			if method == "POST" then
				headers["Content-Type"] = "application/x-www-form-urlencoded"
			else
				body = nil
			end
			n = n + 1
			reqs[n] = wrk.format(method, path, headers, body)
		end
		k = k + 1
	end
	if rate > 0 then interval = 1000 * nthr / rate end
end

function request()
	if hc_t0 == nil then hc_t0 = now_ms() end
	if sent >= n then
		if not cycle or n == 0 then
			-- Out of lines: stop without sending any of them again. The
			-- request returned here is a harmless read.
			hc_dry = 1
			wrk.thread:stop()
			return wrk.format("GET", "/__hello", {})
		end
		hc_wrapped = hc_wrapped + 1
	end
	sent = sent + 1
	hc_sent = sent
	return reqs[(sent - 1) % n + 1]
end

-- Open-loop pacing per thread: wrk asks delay() before every request of a
-- connection, the first included; the k-th request of the thread is due
-- at hc_t0 + k * interval whatever the earlier ones took, so a slow answer is
-- followed by catch-up rather than by a lower rate. wrk times a request
-- from when it is sent, so the wait for a late slot is not in the latency
-- it reports.
function hc_delay()
	if hc_t0 == nil then hc_t0 = now_ms() end
	local due = hc_t0 + reserved * interval
	if (not cycle and reserved >= n) or (stop_ms > 0 and due - hc_t0 >= stop_ms) then
		hc_dry = cycle and 0 or 1
		return QUIET
	end
	reserved = reserved + 1
	local d = due - now_ms()
	return d > 0 and d or 0
end

function hc_response(status, headers, body)
	local s = tostring(status)
	hc_status[s] = (hc_status[s] or 0) + 1
	hc_last = now_ms()
end

function done(summary, latency, requests)
	local st, dry, wrapped, span, nsent, out = {}, 0, 0, 0, 0, {}
	for _, t in ipairs(threads) do
		for k, v in pairs(t:get("hc_status") or {}) do st[k] = (st[k] or 0) + v end
		dry = dry + (t:get("hc_dry") or 0)
		wrapped = wrapped + (t:get("hc_wrapped") or 0)
		nsent = nsent + (t:get("hc_sent") or 0)
		local t0, last = t:get("hc_t0"), t:get("hc_last")
		if t0 and last and last - t0 > span then span = last - t0 end
	end
	for k, v in pairs(st) do out[#out + 1] = k .. "=" .. v end
	table.sort(out)
	-- wrk's own duration is always the whole -d, even when every thread
	-- stopped early: hc-span-ms is from a thread's first request to its
	-- last answer (counted runs only), the longest of the threads.
	io.write("hc-status ", table.concat(out, " "), "\nhc-dry ", dry,
		"\nhc-wrapped ", wrapped, "\nhc-span-ms ", string.format("%d", span),
		"\nhc-sent ", nsent, "\n")
end
