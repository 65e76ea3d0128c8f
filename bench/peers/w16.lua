-- W16: an indexed loop as learners write Σ by hand: y = sin(1:N); s = Σ y[i]·y[i].
-- The loop alone is timed (os.clock, CPU time of this one-threaded process).
local n = 10000000
local sin = math.sin
local y = {}
for i = 1, n do y[i] = sin(i) end
local t0 = os.clock()
local s = 0.0
for i = 1, n do
  s = s + y[i] * y[i]
end
print(string.format("time: %.4f ms", 1e3 * (os.clock() - t0)))
print(string.format("%.17g", s))
